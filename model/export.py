"""ONNX export of the network, checked against torch on a sample input."""
import json

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from torch import nn

from net import STRIDE, Exported

#: onnxruntime-web runs opsets 7 to 21; 17 is well inside for every op used (Conv, Relu,
#: MaxPool, Resize, Concat, Sigmoid).
OPSET = 17


def export_onnx(net, path, sample, check_path):
    """Writes `path`: input "image" [1, 1, H, W], output "maps" [1, 2, H, W] (probabilities),
    H and W dynamic (multiples of STRIDE). `sample` is a normalized crop [h, w] (multiples of
    STRIDE); it and torch's output for it go to `check_path` as JSON, which the TypeScript
    runtime test compares with onnxruntime's output (onnx 1.12 has no evaluator of its own)."""
    model = Exported(net.eval()).eval()
    h, w = sample.shape
    assert h % STRIDE == 0 and w % STRIDE == 0
    x = torch.from_numpy(np.ascontiguousarray(sample, np.float32))[None, None]
    with torch.no_grad():
        expected = model(x).numpy()
        torch.onnx.export(
            model, x, path, opset_version=OPSET, input_names=['image'], output_names=['maps'],
            dynamic_axes={'image': {2: 'height', 3: 'width'}, 'maps': {2: 'height', 3: 'width'}},
            do_constant_folding=True,
        )
    onnx.checker.check_model(onnx.load(path))
    with open(check_path, 'w') as f:
        json.dump({'height': h, 'width': w, 'input': x.numpy().ravel().tolist(), 'output': expected.ravel().tolist()}, f)


def load_onnx_weights(net, path):
    """Starts `net` from an exported model (fine-tuning): the ONNX file's convolutions, in graph
    order, are the network's in call order; export folded each batch norm into the convolution
    before it, so that batch norm becomes the identity plus the folded bias (mean 0, variance
    1 - eps, scale 1, shift = bias). Those batch norms must then stay in eval mode (see
    `freeze_batch_norm`): batch statistics would undo the folding."""
    graph = onnx.load(path).graph
    values = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    convs = [[values[name] for name in node.input[1:]] for node in graph.node if node.op_type == 'Conv']
    order = []
    hooks = [m.register_forward_hook(lambda m, i, o: order.append(m)) for m in net.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        net.eval()(torch.zeros(1, 1, STRIDE, STRIDE))
    for h in hooks:
        h.remove()
    norms = {id(block[i]): block[i + 1] for block in net.modules() if isinstance(block, nn.Sequential)
             for i in range(len(block) - 1) if isinstance(block[i], nn.Conv2d) and isinstance(block[i + 1], nn.BatchNorm2d)}
    assert len(order) == len(convs), f'{path} has {len(convs)} convolutions, the network {len(order)}'
    with torch.no_grad():
        for conv, (weight, bias) in zip(order, convs):
            conv.weight.copy_(torch.from_numpy(weight.copy()))
            bn = norms.get(id(conv))
            if bn is None:
                conv.bias.copy_(torch.from_numpy(bias.copy()))
            else:
                bn.running_mean.zero_()
                bn.running_var.fill_(1 - bn.eps)
                bn.weight.fill_(1)
                bn.bias.copy_(torch.from_numpy(bias.copy()))


def freeze_batch_norm(net):
    """Batch norms to eval mode (running statistics fixed; scale and shift still learn)."""
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()
