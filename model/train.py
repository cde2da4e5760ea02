"""Trains the shipped nucleus model on the train split, picks the best checkpoint on dev, exports
ONNX. Never reads the test split. CPU only, deterministic for a given seed and thread count.

  /usr/bin/python3 model/train.py                      # stage 1 (~35 min on 2 free cores)
  /usr/bin/python3 model/train.py --init stage1.onnx --iterations 300 --eval-every 150 \
      --lr 5e-4 --threads 1                            # stage 2, fine-tuning: docs/MODEL.md
  /usr/bin/python3 model/train.py --smoke --out x.onnx # seconds: tiny crops, checks the pipeline
"""
import argparse
import json
import os
import sys
import time

# glibc hands the activations' large buffers back to the OS after every step and faults them
# in again on the next: a third of the CPU time in the kernel. Keeping freed memory in the
# process (set before anything allocates, hence the re-exec) makes a step ~30 % faster.
MALLOC_ENV = {'MALLOC_MMAP_THRESHOLD_': '33554432', 'MALLOC_TRIM_THRESHOLD_': '4294967296', 'MALLOC_TOP_PAD_': '268435456'}
if any(os.environ.get(k) != v for k, v in MALLOC_ENV.items()):
    os.execve(sys.executable, [sys.executable] + sys.argv, {**os.environ, **MALLOC_ENV})

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import load_split, normalize, targets  # noqa: E402
from evaluate import f1_scores, instances, matched_ious  # noqa: E402
from export import export_onnx, freeze_batch_norm, load_onnx_weights  # noqa: E402
from net import STRIDE, UNet  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, '..', 'shared', 'data', 'aitslab-bioimaging1')
EDGE_WEIGHT = 3.0
#: Share of training crops placed around a small (< SMALL_AREA px) true object: micronuclei are
#: ~15 % of the objects but rare in random crops of a few nuclei each.
SMALL_CROP_SHARE, SMALL_AREA = 0.25, 200


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', default=DATA, help='folder with train/ and dev/')
    p.add_argument('--out', default=os.path.join(ROOT, 'public', 'models', 'nuclei.onnx'))
    p.add_argument('--log', default=os.path.join(ROOT, 'model', 'train-log.json'), help='JSON log of dev scores')
    p.add_argument('--check', default=os.path.join(ROOT, 'model', 'export-check.json'),
                   help='JSON sample input and torch output, for the runtime test to compare with')
    p.add_argument('--iterations', type=int, default=3000)
    p.add_argument('--batch', type=int, default=8)
    p.add_argument('--crop', type=int, default=256, help='training crop side, pixels')
    p.add_argument('--eval-every', type=int, default=250)
    p.add_argument('--lr', type=float, default=3e-3)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--init', help='fine-tune: start from this exported ONNX model (batch norms frozen)')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--smoke', action='store_true', help='1 image each, 64 px crops, 3 iterations')
    args = p.parse_args()
    if args.smoke:
        args.iterations, args.batch, args.crop, args.eval_every = 3, 2, 64, 3
        base = os.path.splitext(args.out)[0]
        args.log, args.check = base + '.log.json', base + '.check.json'
    return args


def prepare(items, crop_eval=None):
    """Normalized images and target maps as float32 arrays [H, W]; smoke runs crop them."""
    out = []
    for name, image, labels in items:
        if crop_eval:
            image, labels = image[:crop_eval, :crop_eval], labels[:crop_eval, :crop_eval]
        fg, dist, weight = targets(labels)
        areas = np.bincount(labels.ravel())
        small = [tuple(int(c) for c in np.argwhere(labels == k).mean(axis=0).round()) for k in np.flatnonzero((areas > 0) & (areas < SMALL_AREA)) if k > 0]
        out.append({'name': name, 'x': normalize(image), 'fg': fg, 'dist': dist, 'weight': weight, 'labels': labels, 'small': small})
    return out


def sample_batch(train, rng, batch, crop):
    """Random crops with random rot90/flip and mild intensity change (gain, offset, gamma), so
    the model sees exposures the percentile normalization does not fully even out."""
    xs, ys = [], []
    smalls = [(i, c) for i, item in enumerate(train) for c in item['small']]
    for _ in range(batch):
        if smalls and rng.random() < SMALL_CROP_SHARE:
            i, (cy, cx) = smalls[rng.integers(len(smalls))]
            item = train[i]
            h, w = item['x'].shape
            y0 = int(np.clip(cy - rng.integers(crop), 0, h - crop))
            x0 = int(np.clip(cx - rng.integers(crop), 0, w - crop))
        else:
            item = train[rng.integers(len(train))]
            h, w = item['x'].shape
            y0, x0 = rng.integers(h - crop + 1), rng.integers(w - crop + 1)
        window = (slice(y0, y0 + crop), slice(x0, x0 + crop))
        x = item['x'][window]
        gamma = np.exp(rng.uniform(-0.25, 0.25))
        x = np.sign(x) * np.abs(x) ** gamma * rng.uniform(0.8, 1.25) + rng.uniform(-0.05, 0.05)
        stack = np.stack([x, item['fg'][window], item['dist'][window], item['weight'][window]])
        stack = np.rot90(stack, rng.integers(4), axes=(1, 2))
        if rng.integers(2):
            stack = stack[:, :, ::-1]
        xs.append(stack[:1])
        ys.append(stack[1:])
    return torch.from_numpy(np.ascontiguousarray(xs, np.float32)), torch.from_numpy(np.ascontiguousarray(ys, np.float32))


def loss_fn(logits, target):
    """BCE on both maps plus soft Dice on the foreground (objects cover ~5 % of pixels). Pixels
    next to an object's edge (either side, 3x3) weigh EDGE_WEIGHT times more in the foreground
    BCE: the IoU 0.9 goals are decided there, one pixel ring being ~10 % of a small nucleus.
    Small objects' pixels weigh more in both BCEs (target channel 2, data.targets)."""
    fg, small = target[:, :1], target[:, 2:3]
    edge = (F.max_pool2d(fg, 3, 1, 1) - -F.max_pool2d(-fg, 3, 1, 1)) > 0
    weight = (1 + (EDGE_WEIGHT - 1) * edge.float()) * small
    bce = F.binary_cross_entropy_with_logits(logits[:, :1], fg, weight=weight) + F.binary_cross_entropy_with_logits(logits[:, 1:], target[:, 1:2], weight=small)
    p = torch.sigmoid(logits[:, 0])
    t = target[:, 0]
    dice = 1 - (2 * (p * t).sum() + 1) / (p.sum() + t.sum() + 1)
    return bce + dice


def predict(net, x):
    """Maps (fg, dist) [H, W] for one normalized image, padded by reflection to STRIDE."""
    h, w = x.shape
    ph, pw = -h % STRIDE, -w % STRIDE
    padded = np.pad(x, ((0, ph), (0, pw)), mode='reflect')
    with torch.no_grad():
        out = torch.sigmoid(net(torch.from_numpy(padded)[None, None])).numpy()[0]
    return out[0, :h, :w], out[1, :h, :w]


def train_mode(net, frozen):
    net.train()
    if frozen:
        freeze_batch_norm(net)


def evaluate(net, dev, frozen):
    net.eval()
    pairs = [matched_ious(item['labels'], instances(*predict(net, item['x']))) for item in dev]
    train_mode(net, frozen)
    scores = f1_scores(pairs)
    return {f'f1@{t}': round(v, 4) for t, v in scores.items()}, float(np.mean(list(scores.values())))


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    started = time.time()
    limit = 1 if args.smoke else None
    train = prepare(load_split(args.data, 'train', limit))
    dev = prepare(load_split(args.data, 'dev', limit), crop_eval=128 if args.smoke else None)
    print(f'{len(train)} train, {len(dev)} dev images loaded in {time.time() - started:.1f} s', flush=True)

    net = UNet()
    if args.init:
        load_onnx_weights(net, args.init)
    train_mode(net, bool(args.init))
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr)
    warmup = max(args.iterations // 20, 1)  # linear warm-up, then cosine decay to zero
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda i: min((i + 1) / warmup, 0.5 * (1 + np.cos(np.pi * i / args.iterations))))
    log, best, best_state, running = [], -1.0, None, []
    for it in range(1, args.iterations + 1):
        x, y = sample_batch(train, rng, args.batch, args.crop)
        loss = loss_fn(net(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        schedule.step()
        running.append(loss.item())
        if it % 50 == 0:
            print(f'iteration {it}, {(time.time() - started) / 60:.1f} min', flush=True)
        if it % args.eval_every == 0 or it == args.iterations:
            scores, score = evaluate(net, dev, bool(args.init))
            entry = {'iteration': it, 'minutes': round((time.time() - started) / 60, 2), 'train_loss': round(float(np.mean(running)), 4), **scores}
            running = []
            if score > best:
                best, best_state = score, {k: v.clone() for k, v in net.state_dict().items()}
                entry['best'] = True
            log.append(entry)
            print(json.dumps(entry), flush=True)

    net.load_state_dict(best_state)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    export_onnx(net, args.out, dev[0]['x'][:32, :48], args.check)
    summary = {'seed': args.seed, 'init': args.init and os.path.basename(args.init), 'lr': args.lr, 'iterations': args.iterations, 'batch': args.batch, 'crop': args.crop,
               'widths': list(net.widths), 'parameters': sum(p.numel() for p in net.parameters()),
               'minutes': round((time.time() - started) / 60, 2), 'onnx_bytes': os.path.getsize(args.out), 'log': log}
    with open(args.log, 'w') as f:
        json.dump(summary, f, indent=1)
    print(f'wrote {args.out} ({summary["onnx_bytes"]} bytes) in {summary["minutes"]} min', flush=True)


if __name__ == '__main__':
    main()
