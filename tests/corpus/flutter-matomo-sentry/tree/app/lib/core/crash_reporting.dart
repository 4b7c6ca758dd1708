import 'package:sentry_flutter/sentry_flutter.dart';

Future<void> initCrashReporting(String dsn, Future<void> Function() app) =>
    SentryFlutter.init((options) => options.dsn = dsn, appRunner: app);
