#!/usr/bin/env bash
# Gradescope autograder setup: runs once when the autograder image is
# built (Ubuntu). Installs Go and katabook; put the course's workbooks
# beside this script as course/ to hold submissions to its numbers and
# points. Zip this folder's files (setup.sh, run_autograder, course/) and
# upload the zip as the assignment's autograder.
set -euo pipefail
GO_VERSION=1.26.0
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl
curl -fsSL "https://go.dev/dl/go${GO_VERSION}.linux-amd64.tar.gz" | tar -C /usr/local -xz
# Pin a version tag instead of latest in a course.
GOBIN=/usr/local/bin /usr/local/go/bin/go install github.com/katabook/katabook/cmd/katabook@latest
