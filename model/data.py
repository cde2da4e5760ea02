"""Dataset reading, the model's input normalization and the training targets.

Images are 8-bit grey PNGs; masks are `<name>_objects.png`, 24-bit RGB, one colour per object,
black background. Pixel (x, y) is array element [y, x]; distances are in pixels between centres.
"""
import os

import numpy as np
from scipy import ndimage
from skimage import io

#: Objects smaller than this (pixels) weigh more in the loss, by sqrt(SMALL_REFERENCE / area) up
#: to SMALL_MAX_WEIGHT: a 30 px micronucleus counts as much as a nucleus in F1 but has 1/50 of
#: its pixels, and without the weight the distance map missed its peak (merged into neighbours).
SMALL_REFERENCE, SMALL_MAX_WEIGHT = 1000.0, 8.0

#: Percentiles of the 8-bit image mapped to 0 and 1 (as StarDist does): robust to exposure.
LOW_PERCENT, HIGH_PERCENT = 1.0, 99.8


def percentile_value(values, percent):
    """The sample at 0-based rank floor(percent / 100 * (n - 1)) of the sorted values: the rule
    src/core/model/normalize.ts implements with a histogram, so both give the same number."""
    flat = np.sort(values, axis=None)
    return float(flat[int(np.floor(percent / 100 * (flat.size - 1)))])


def normalize(image):
    """8-bit grey [H, W] to float32: (v - p1) / max(p99.8 - p1, 1), not clipped."""
    low = percentile_value(image, LOW_PERCENT)
    high = percentile_value(image, HIGH_PERCENT)
    return ((image.astype(np.float32) - np.float32(low)) / np.float32(max(high - low, 1.0))).astype(np.float32)


def read_labels(path):
    """`_objects.png` to an int32 label image: 0 background, 1..n one per colour."""
    rgb = io.imread(path)[..., :3].astype(np.int64)
    code = (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]
    values, inverse = np.unique(code.ravel(), return_inverse=True)
    offset = 0 if values[0] == 0 else 1  # black, when present, sorts first and stays 0
    return (inverse + offset).reshape(code.shape).astype(np.int32)


def targets(labels):
    """Foreground (0/1), normalized distance and loss weight maps, float32 [H, W]. Distance:
    Euclidean from a pixel centre to the nearest pixel not of its object (other objects count as
    outside), over the object's largest such distance, so every object peaks at 1 whatever its
    size. Weight: 1, except on a small object's pixels and the background ring around it
    (see SMALL_REFERENCE)."""
    fg = (labels > 0).astype(np.float32)
    dist = np.zeros(labels.shape, np.float32)
    weight = np.ones(labels.shape, np.float32)
    for k, box in enumerate(ndimage.find_objects(labels), start=1):
        if box is None:
            continue
        y0, y1 = max(box[0].start - 1, 0), box[0].stop + 1
        x0, x1 = max(box[1].start - 1, 0), box[1].stop + 1
        inside = labels[y0:y1, x0:x1] == k
        # Pad so objects touching the image border are measured as ending there.
        d = ndimage.distance_transform_edt(np.pad(inside, 1))[1:-1, 1:-1]
        d = d / d.max()
        dist[y0:y1, x0:x1][inside] = d[inside]
        w = min(np.sqrt(SMALL_REFERENCE / inside.sum()), SMALL_MAX_WEIGHT)
        if w > 1:
            ring = ndimage.binary_dilation(inside) & (labels[y0:y1, x0:x1] == 0)
            region = weight[y0:y1, x0:x1]
            region[inside | ring] = np.maximum(region[inside | ring], w)
    return fg, dist, weight


def load_split(root, split, limit=None):
    """[(name, image uint8 [H, W], labels int32 [H, W])] for the images of one split, sorted."""
    folder = os.path.join(root, split)
    names = sorted(n[:-4] for n in os.listdir(folder) if n.endswith('.png') and not n.endswith('_objects.png'))
    items = []
    for name in names[:limit]:
        image = io.imread(os.path.join(folder, name + '.png'))
        if image.ndim == 3:
            image = image[..., :3].mean(axis=2).round().astype(np.uint8)
        items.append((name, image, read_labels(os.path.join(folder, name + '_objects.png'))))
    return items
