"""The nucleus network: a small U-Net with two per-pixel outputs.

Input: [N, 1, H, W] float32, the image normalized by `data.normalize` (H and W multiples of
STRIDE). Output: [N, 2, H, W] float32 probabilities in [0, 1]:
  channel 0: foreground (pixel belongs to some object),
  channel 1: normalized distance (distance to the object's edge / the object's largest one).
The distance map peaks once per object, even for touching ones, so its thresholded cores seed
a watershed that separates touching nuclei; the foreground map fixes each object's extent.
"""
import torch
from torch import nn
import torch.nn.functional as F

#: Input height and width must be multiples of this (four 2x poolings).
STRIDE = 16


def block(cin, cout):
    """Two 3x3 convolutions with batch norm (folded into the convolutions at ONNX export)."""
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
    )


class UNet(nn.Module):
    """`widths` are the channels per level, full resolution first; len(widths) - 1 poolings."""

    def __init__(self, widths=(8, 16, 32, 48, 64)):
        super().__init__()
        self.widths = tuple(widths)
        self.down = nn.ModuleList([block(1, widths[0])] + [block(a, b) for a, b in zip(widths, widths[1:])])
        # Upsampling is nearest-neighbour + 1x1 conv: cheap, exported as plain Resize + Conv.
        self.reduce = nn.ModuleList([nn.Conv2d(b, a, 1) for a, b in zip(widths, widths[1:])])
        self.up = nn.ModuleList([block(2 * a, a) for a in widths[:-1]])
        self.head = nn.Conv2d(widths[0], 2, 1)

    def forward(self, x):
        skips = []
        for i, level in enumerate(self.down):
            if i > 0:
                x = F.max_pool2d(x, 2)
            x = level(x)
            skips.append(x)
        for i in reversed(range(len(self.up))):
            x = F.interpolate(x, scale_factor=2.0, mode='nearest')
            x = self.up[i](torch.cat([skips[i], self.reduce[i](x)], dim=1))
        return self.head(x)  # logits; the exported model applies the sigmoid


class Exported(nn.Module):
    """What the ONNX file holds: the network plus the sigmoid, so the app reads probabilities."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.sigmoid(self.net(x))
