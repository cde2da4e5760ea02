#!/bin/sh
# Makes sure Debian's Python has what model/train.py needs (its smoke test is a unit test):
# a no-op when the modules import; else, as root with apt-get, installs Debian's packages;
# else says what to run. Never fails the test run itself: the smoke test reports what is missing.
PYTHON=/usr/bin/python3
MODULES="torch, onnx, scipy, skimage, numpy"
if [ -x "$PYTHON" ] && "$PYTHON" -c "import $MODULES" 2>/dev/null; then
  exit 0
fi
PACKAGES="python3-torch python3-onnx python3-scipy python3-skimage python3-numpy"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Python modules for the training smoke test missing: installing $PACKAGES with apt-get…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq $PACKAGES >/dev/null || echo "apt-get could not install $PACKAGES" >&2
else
  echo "The training smoke test needs: sudo apt-get install -y $PACKAGES" >&2
fi
exit 0
