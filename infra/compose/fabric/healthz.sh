#!/bin/sh
# Health check for a Fabric node: GET /healthz on its operations port succeeds with 200.
#   healthz.sh PORT
# The Fabric 2.5 images are Ubuntu based without curl or wget, so this uses whichever HTTP
# client the image has and falls back to bash's /dev/tcp.
port="${1:?usage: healthz.sh PORT}"
url="http://127.0.0.1:${port}/healthz"

if command -v curl >/dev/null 2>&1; then
  exec curl -fsS -o /dev/null --max-time 5 "$url"
fi
if command -v wget >/dev/null 2>&1; then
  exec wget -q -O /dev/null -T 5 "$url"
fi
if command -v bash >/dev/null 2>&1; then
  # shellcheck disable=SC2016 # expanded by the inner bash
  exec bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3
    IFS= read -r -t 5 status <&3 || exit 1
    case "$status" in *" 200 "*) exit 0 ;; esac
    echo "healthz: $status" >&2
    exit 1
  ' "$port"
fi
echo "healthz: no curl, wget or bash in this image" >&2
exit 1
