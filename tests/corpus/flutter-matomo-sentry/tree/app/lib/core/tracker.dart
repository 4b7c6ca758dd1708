import 'package:matomo_tracker/matomo_tracker.dart';

class Tracker {
  const Tracker();

  Future<void> init({required String siteId, required String url}) async {
    await MatomoTracker.instance.initialize(siteId: siteId, url: url);
  }

  void trackClick(String page, String label) {
    MatomoTracker.instance.trackEvent(eventInfo: EventInfo(category: 'click', action: page, name: label));
  }
}
