"""ONNX export of the network, checked against torch on a sample input."""
import json

import numpy as np
import onnx
import torch

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
