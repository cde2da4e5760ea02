"""Dev-set scoring during training: maps to instances, and F1 of instances against the truth.

The app's own post-processing is src/core/model/instances.ts (TypeScript, what ships); this is
its Python counterpart, close enough to rank checkpoints, never used for reported figures.
"""
import numpy as np
from scipy import ndimage
from skimage.segmentation import watershed

FG_THRESHOLD, SEED_THRESHOLD, MIN_AREA = 0.5, 0.5, 6


def instances(fg, dist):
    """Probability maps [H, W] to an int32 label image: seeds are the connected cores where the
    distance map exceeds SEED_THRESHOLD; they flood the foreground downhill on the distance map;
    foreground pieces without a seed become objects of their own; pieces under MIN_AREA go."""
    mask = fg > FG_THRESHOLD
    seeds, n = ndimage.label((dist > SEED_THRESHOLD) & mask)
    labels = watershed(-dist, seeds, mask=mask)
    rest, m = ndimage.label(mask & (labels == 0))
    labels = np.where(rest > 0, rest + n, labels)
    areas = np.bincount(labels.ravel())
    small = areas < MIN_AREA
    small[0] = False
    labels[small[labels]] = 0
    return labels


def matched_ious(truth, pred):
    """IoU of each truth object's best candidate when above 0.5 (such pairs are one-to-one, so
    no assignment problem arises at these thresholds); returns (ious, n_truth, n_pred)."""
    t = truth.ravel().astype(np.int64)
    p = pred.ravel().astype(np.int64)
    nt, np_ = int(t.max()), int(p.max())
    both = (t > 0) & (p > 0)
    inter = np.bincount(t[both] * (np_ + 1) + p[both], minlength=(nt + 1) * (np_ + 1)).reshape(nt + 1, np_ + 1)
    at = np.bincount(t, minlength=nt + 1)
    ap = np.bincount(p, minlength=np_ + 1)
    union = at[:, None] + ap[None, :] - inter
    iou = np.where(union > 0, inter / np.maximum(union, 1), 0.0)[1:, 1:]
    n_truth = int((at[1:] > 0).sum())
    n_pred = int((ap[1:] > 0).sum())
    best = iou.max(axis=1) if iou.size else np.zeros(0)
    return best[best > 0.5], n_truth, n_pred


def f1_scores(pairs, thresholds=(0.5, 0.7, 0.9)):
    """Pooled F1 per IoU threshold over [(ious, n_truth, n_pred)] of several images."""
    ious = np.concatenate([p[0] for p in pairs]) if pairs else np.zeros(0)
    n_truth = sum(p[1] for p in pairs)
    n_pred = sum(p[2] for p in pairs)
    scores = {}
    for t in thresholds:
        tp = int((ious >= t).sum())
        scores[t] = 2 * tp / max(n_truth + n_pred, 1)
    return scores
