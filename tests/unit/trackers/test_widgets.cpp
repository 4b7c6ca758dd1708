// Signatures added after trying pacte on real repositories: chat and support widgets (their own
// category), Matomo Tag Manager and heatmaps, Braze, New Relic's server-side browser helpers.
#include <doctest/doctest.h>

#include "checks/trackers/detect.hpp"

using namespace pacte;

namespace {

std::vector<TrackerDetection> scan(const MemorySnapshot& snap) {
  static const SignatureSet set = SignatureSet::builtin();
  TrackerScanStats stats;
  return detect_trackers(snap, set, stats);
}

// The first code-context hit of `id`, as "path:line kind" (in `path` when given), or "".
std::string first_code_hit(const std::vector<TrackerDetection>& dets, std::string_view id, std::string_view path = {}) {
  for (const auto& d : dets)
    if (d.signature->id == id)
      for (const auto& h : d.hits)
        if (h.context == "code" && (path.empty() || h.evidence.path == path))
          return h.evidence.path + ":" + std::to_string(h.evidence.line) + " " + h.kind;
  return "";
}

std::string category_of(std::string_view id) {
  static const SignatureSet set = SignatureSet::builtin();
  const Signature* s = set.find(id);
  return s ? s->category : "";
}

}  // namespace

TEST_CASE("chat and support widgets have their own category") {
  for (auto id : {"crisp", "zendesk-chat", "help-scout-beacon", "intercom", "tawk-to", "drift", "olark", "livechat",
                  "tidio", "freshchat", "chatwoot"})
    CHECK_MESSAGE(category_of(id) == "support-chat", id);
  CHECK(is_tracker_category("support-chat"));
}

TEST_CASE("support widgets in templates: Crisp in a Twig layout, Zendesk in ERB, Intercom in Vue, Tawk in JSP") {
  MemorySnapshot snap;
  snap.add("templates/base.html.twig",
           "<script>\n  window.$crisp = []; window.CRISP_WEBSITE_ID = \"{{ crisp_id }}\";\n"
           "  $crisp.push([\"set\", \"user:email\", \"{{ app.user.email }}\"]);\n</script>\n"
           "<script src=\"https://client.crisp.chat/l.js\" async></script>\n");
  snap.add("app/views/layouts/application.html.erb",
           "<script id=\"ze-snippet\" src=\"https://static.zdassets.com/ekr/snippet.js?key=<%= ENV['ZD_KEY'] %>\"></script>\n");
  snap.add("src/components/Support.vue",
           "<script>\nexport default {\n  mounted() {\n    window.intercomSettings = { app_id: 'x', email: this.user.email };\n"
           "  }\n}\n</script>\n");
  snap.add("WEB-INF/views/footer.jsp", "<script>var Tawk_API = Tawk_API || {};</script>\n");
  auto dets = scan(snap);
  CHECK(first_code_hit(dets, "crisp") == "templates/base.html.twig:2 snippet");
  CHECK(first_code_hit(dets, "zendesk-chat") == "app/views/layouts/application.html.erb:1 snippet");
  CHECK(first_code_hit(dets, "intercom") == "src/components/Support.vue:4 snippet");
  CHECK(first_code_hit(dets, "tawk-to") == "WEB-INF/views/footer.jsp:1 snippet");
}

TEST_CASE("support widget packages: Intercom on Android, Crisp on npm") {
  MemorySnapshot snap;
  snap.add("app/build.gradle", "dependencies {\n    implementation 'io.intercom.android:intercom-sdk:15.0.0'\n}\n");
  snap.add("package.json", "{\n  \"dependencies\": {\n    \"crisp-sdk-web\": \"1.0.0\"\n  }\n}\n");
  auto dets = scan(snap);
  CHECK(first_code_hit(dets, "intercom") == "app/build.gradle:2 dependency");
  CHECK(first_code_hit(dets, "crisp") == "package.json:3 dependency");
}

TEST_CASE("Matomo Tag Manager and Matomo heatmaps / session recording are told apart from Matomo") {
  MemorySnapshot snap;
  snap.add("templates/matomo.html",
           "<script>\n  var _mtm = window._mtm = window._mtm || [];\n"
           "  _mtm.push({'mtm.startTime': (new Date().getTime()), 'event': 'mtm.Start'});\n"
           "  g.src='https://stats.example.org/js/container_AbC12345.js';\n</script>\n"
           "<script>_paq.push(['HeatmapSessionRecording::enable']);</script>\n");
  auto dets = scan(snap);
  CHECK(first_code_hit(dets, "matomo-tag-manager") == "templates/matomo.html:3 snippet");
  CHECK(first_code_hit(dets, "matomo-heatmap-session-recording") == "templates/matomo.html:6 snippet");
  CHECK(category_of("matomo-heatmap-session-recording") == "session-replay");
}

TEST_CASE("Braze on the web and on Android; New Relic injected by a server-side helper") {
  MemorySnapshot snap;
  snap.add("src/braze.ts", "import * as braze from '@braze/web-sdk';\nbraze.initialize('key', { baseUrl: 'sdk.fra-01.braze.eu' });\n");
  snap.add("app/src/main/java/org/example/App.kt", "import com.braze.Braze\n");
  snap.add("src/main/webapp/WEB-INF/layout.jsp", "<head>\n<%= com.newrelic.api.agent.NewRelic.getBrowserTimingHeader() %>\n</head>\n");
  snap.add("templates/base.html", "<head>{{ newrelic.agent.get_browser_timing_header()|safe }}</head>\n");
  auto dets = scan(snap);
  CHECK(first_code_hit(dets, "braze", "src/braze.ts") == "src/braze.ts:2 snippet");
  CHECK(first_code_hit(dets, "braze", "app/src/main/java/org/example/App.kt") ==
        "app/src/main/java/org/example/App.kt:1 android-class");
  CHECK(first_code_hit(dets, "new-relic", "src/main/webapp/WEB-INF/layout.jsp") ==
        "src/main/webapp/WEB-INF/layout.jsp:2 snippet");
  CHECK(first_code_hit(dets, "new-relic", "templates/base.html") == "templates/base.html:1 snippet");
}

TEST_CASE("look-alikes of the new signatures are not detections in code") {
  MemorySnapshot snap;
  snap.add("src/copy.js",
           "const crisp = 'crisp salad';\nconst drift = measureDrift();\nconst beacon = navigator.sendBeacon('/log');\n"
           "const container = 'js/container.js';\n");
  CHECK(scan(snap).empty());
}
