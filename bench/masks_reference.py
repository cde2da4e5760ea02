"""Reference timings for bench/masks.bench.ts: the same polygons filled and encoded as PNG by
OpenCV (cv2.fillPoly + cv2.imencode) and by scikit-image + Pillow (skimage.draw.polygon +
PIL.Image.save). Run with Debian's /usr/bin/python3 (python3-opencv, python3-skimage,
python3-pil).

usage: masks_reference.py <polygons.json> <runs>
polygons.json: [{"width", "height", "objects": [[ring, ...], ...], "colors": [[r, g, b], ...]}]
with rings as flat [x0, y0, x1, y1, ...] lists in image pixels.
Prints one JSON object: {"opencv": result, "skimage_pillow": result}, where result is
{"available": true, "version", "per_image_ms": [...]} or {"available": false, "reason"}.
Each library's own pixel rule applies (OpenCV fills vertices as pixel centres and includes the
outline); the point is the time, for the same work: a 24-bit mask from polygons, PNG-encoded.
"""
import io
import json
import sys
import time


def time_images(images, runs, fill_and_encode):
    times = []
    for _ in range(runs + 1):
        run = []
        for image in images:
            start = time.perf_counter()
            fill_and_encode(image)
            run.append((time.perf_counter() - start) * 1000)
        times.append(run)
    return [t for run in times[1:] for t in run]  # the first run warms up


def opencv(images, runs):
    import cv2
    import numpy as np

    def fill_and_encode(image):
        mask = np.zeros((image["height"], image["width"], 3), np.uint8)
        for rings, color in zip(image["objects"], image["colors"]):
            polygons = [np.asarray(ring, np.int32).reshape(-1, 1, 2) for ring in rings]
            cv2.fillPoly(mask, polygons, color)
        ok, png = cv2.imencode(".png", mask)
        assert ok

    return {"version": "OpenCV " + cv2.__version__, "per_image_ms": time_images(images, runs, fill_and_encode)}


def skimage_pillow(images, runs):
    import numpy as np
    import PIL
    import skimage
    from PIL import Image
    from skimage.draw import polygon

    def fill_and_encode(image):
        shape = (image["height"], image["width"])
        mask = np.zeros(shape + (3,), np.uint8)
        for rings, color in zip(image["objects"], image["colors"]):
            for ring in rings:
                rr, cc = polygon(ring[1::2], ring[0::2], shape)
                mask[rr, cc] = color
        Image.fromarray(mask).save(io.BytesIO(), format="PNG")

    version = "scikit-image " + skimage.__version__ + " + Pillow " + PIL.__version__
    return {"version": version, "per_image_ms": time_images(images, runs, fill_and_encode)}


def attempt(measure, images, runs):
    try:
        return {"available": True, **measure(images, runs)}
    except ImportError as error:
        return {"available": False, "reason": f"{error} (install python3-opencv, python3-skimage, python3-pil)"}


def main():
    with open(sys.argv[1]) as f:
        images = json.load(f)
    runs = int(sys.argv[2])
    print(json.dumps({"opencv": attempt(opencv, images, runs), "skimage_pillow": attempt(skimage_pillow, images, runs)}))


if __name__ == "__main__":
    main()
