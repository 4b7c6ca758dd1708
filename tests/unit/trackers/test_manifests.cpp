#include <doctest/doctest.h>

#include "checks/trackers/manifests.hpp"

using namespace pacte;

namespace {
const Dependency* find(const std::vector<Dependency>& deps, const std::string& name) {
  for (const auto& d : deps)
    if (d.name == name) return &d;
  return nullptr;
}
}  // namespace

TEST_CASE("package.json: dependencies with their lines, devDependencies flagged") {
  std::string pj = R"({
  "name": "service",
  "scripts": {"build": "vite build"},
  "dependencies": {
    "vue": "^3.4.0",
    "@sentry/vue": "^7.0.0"
  },
  "devDependencies": {
    "vitest": "^1.0.0",
    "mixpanel-browser": "2.0.0"
  }
})";
  auto deps = parse_manifest("web/package.json", pj);
  REQUIRE(deps.size() == 4);
  const Dependency* s = find(deps, "@sentry/vue");
  REQUIRE(s);
  CHECK(s->ecosystem == "npm");
  CHECK(s->line == 6);
  CHECK(s->version == "^7.0.0");
  CHECK_FALSE(s->dev);
  CHECK(find(deps, "mixpanel-browser")->dev);
  CHECK(find(deps, "mixpanel-browser")->line == 10);
  CHECK(find(deps, "build") == nullptr);  // scripts are not dependencies
  CHECK(parse_manifest("package.json", "{not json").empty());
}

TEST_CASE("Gradle Groovy and Kotlin DSL, map notation, test configurations, comments") {
  std::string groovy = R"(plugins { id 'com.android.application' }
dependencies {
    implementation 'com.google.android.gms:play-services-ads:22.6.0'
    implementation group: 'com.appsflyer', name: 'af-android-sdk', version: '6.12.1'
    // implementation 'com.mopub:mopub-sdk:5.0'
    testImplementation "io.sentry:sentry-android:6.0.0"
    androidTestImplementation 'com.facebook.android:audience-network-sdk:6.0.0'
    debugImplementation("com.squareup.leakcanary:leakcanary-android:2.12")
    implementation platform('com.google.firebase:firebase-bom:32.7.0')
}
)";
  auto deps = parse_manifest("app/build.gradle", groovy);
  const Dependency* ads = find(deps, "com.google.android.gms:play-services-ads");
  REQUIRE(ads);
  CHECK(ads->ecosystem == "maven");
  CHECK(ads->line == 3);
  CHECK(ads->version == "22.6.0");
  CHECK_FALSE(ads->dev);
  REQUIRE(find(deps, "com.appsflyer:af-android-sdk"));
  CHECK(find(deps, "com.appsflyer:af-android-sdk")->line == 4);
  CHECK(find(deps, "com.mopub:mopub-sdk") == nullptr);
  CHECK(find(deps, "io.sentry:sentry-android")->dev);
  CHECK(find(deps, "com.facebook.android:audience-network-sdk")->dev);
  CHECK(find(deps, "com.squareup.leakcanary:leakcanary-android")->dev);
  CHECK(find(deps, "com.google.firebase:firebase-bom"));

  std::string kts = R"(dependencies {
    implementation("com.amplitude:analytics-android:1.+")
    implementation(group = "com.mixpanel.android", name = "mixpanel-android", version = "7.3.1")
    implementation(libs.play.services.ads)
    testImplementation(libs.sentry.android)
}
)";
  deps = parse_manifest("app/build.gradle.kts", kts);
  CHECK(find(deps, "com.amplitude:analytics-android")->line == 2);
  CHECK(find(deps, "com.mixpanel.android:mixpanel-android")->line == 3);
  REQUIRE(find(deps, "libs.play.services.ads"));
  CHECK(find(deps, "libs.play.services.ads")->ecosystem == "gradle-catalog");
  CHECK(find(deps, "libs.sentry.android")->dev);
}

TEST_CASE("Gradle version catalog [libraries] in all three notations") {
  std::string toml = R"([versions]
ads = "22.6.0"

[libraries]
play-services-ads = { module = "com.google.android.gms:play-services-ads", version.ref = "ads" }
sentry-android = { group = "io.sentry", name = "sentry-android", version = "7.0.0" }
appsflyer = "com.appsflyer:af-android-sdk:6.12.1"

[plugins]
android-application = { id = "com.android.application", version = "8.2.0" }
)";
  auto deps = parse_manifest("gradle/libs.versions.toml", toml);
  REQUIRE(deps.size() == 3);
  CHECK(find(deps, "com.google.android.gms:play-services-ads")->line == 5);
  CHECK(find(deps, "com.google.android.gms:play-services-ads")->version == "ads");
  CHECK(find(deps, "io.sentry:sentry-android")->line == 6);
  CHECK(find(deps, "com.appsflyer:af-android-sdk")->line == 7);
}

TEST_CASE("pom.xml: test scope is dev, exclusions and comments are not dependencies") {
  std::string pom = R"(<project>
  <dependencies>
    <dependency>
      <groupId>io.sentry</groupId>
      <artifactId>sentry</artifactId>
      <version>7.0.0</version>
      <exclusions>
        <exclusion><groupId>com.mixpanel</groupId><artifactId>mixpanel-java</artifactId></exclusion>
      </exclusions>
    </dependency>
    <!-- <dependency><groupId>com.rollbar</groupId><artifactId>rollbar-java</artifactId></dependency> -->
    <dependency>
      <groupId>com.bugsnag</groupId>
      <artifactId>bugsnag</artifactId>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
)";
  auto deps = parse_manifest("pom.xml", pom);
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].name == "io.sentry:sentry");
  CHECK(deps[0].line == 5);
  CHECK_FALSE(deps[0].dev);
  CHECK(deps[1].name == "com.bugsnag:bugsnag");
  CHECK(deps[1].dev);
}

TEST_CASE("Podfile: pods in test targets are dev") {
  std::string podfile = R"(platform :ios, '15.0'
target 'Service' do
  use_frameworks!
  pod 'Google-Mobile-Ads-SDK', '~> 10.0'
  pod 'Firebase/Analytics'
  target 'ServiceTests' do
    inherit! :search_paths
    pod 'Sentry'
  end
end
post_install do |installer|
  puts 'done'
end
)";
  auto deps = parse_manifest("ios/Podfile", podfile);
  REQUIRE(deps.size() == 3);
  CHECK(deps[0].name == "Google-Mobile-Ads-SDK");
  CHECK(deps[0].line == 4);
  CHECK(deps[0].version == "~> 10.0");
  CHECK_FALSE(deps[0].dev);
  CHECK(deps[1].name == "Firebase/Analytics");
  CHECK(deps[2].name == "Sentry");
  CHECK(deps[2].dev);
}

TEST_CASE("Package.swift and Xcode project package references") {
  std::string swift = R"(// swift-tools-version:5.9
let package = Package(
  name: "Service",
  dependencies: [
    .package(url: "https://github.com/getsentry/sentry-cocoa.git", from: "8.0.0"),
    .package(
      name: "Mixpanel",
      url: "https://github.com/mixpanel/mixpanel-swift", from: "4.0.0"),
  ]
)
)";
  auto deps = parse_manifest("Package.swift", swift);
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].ecosystem == "swift");
  CHECK(deps[0].name == "https://github.com/getsentry/sentry-cocoa.git");
  CHECK(deps[0].line == 5);
  CHECK(deps[1].line == 8);
  std::string pbx = "\t\trepositoryURL = \"https://github.com/googleads/swift-package-manager-google-mobile-ads.git\";\n";
  deps = parse_manifest("App.xcodeproj/project.pbxproj", "x\n" + pbx);
  REQUIRE(deps.size() == 1);
  CHECK(deps[0].line == 2);
}

TEST_CASE("Python: requirements files, pyproject (PEP 621, PEP 735, Poetry), Pipfile") {
  std::string req = "# runtime\nDjango>=4.2\nsentry-sdk[django]==1.40.0 ; python_version >= '3.8'\n-r base.txt\n";
  auto deps = parse_manifest("requirements.txt", req);
  REQUIRE(deps.size() == 2);
  CHECK(deps[1].name == "sentry-sdk");
  CHECK(deps[1].line == 3);
  CHECK(deps[1].version == "==1.40.0");
  CHECK_FALSE(deps[1].dev);
  CHECK(parse_manifest("requirements-dev.txt", "posthog\n")[0].dev);
  CHECK(parse_manifest("requirements/test.txt", "posthog\n")[0].dev);
  CHECK_FALSE(parse_manifest("requirements/production.txt", "posthog\n")[0].dev);

  std::string pyproject = R"([project]
name = "service"
dependencies = [
  "flask>=3",
  "posthog>=3.0",  # product analytics
]

[project.optional-dependencies]
test = ["mixpanel"]

[dependency-groups]
dev = [
  "rollbar",
]

[tool.poetry.dependencies]
python = "^3.11"
sentry-sdk = {version = "^1.40", extras = ["flask"]}

[tool.poetry.group.dev.dependencies]
bugsnag = "*"
)";
  deps = parse_manifest("pyproject.toml", pyproject);
  REQUIRE(find(deps, "posthog"));
  CHECK(find(deps, "posthog")->line == 5);
  CHECK_FALSE(find(deps, "posthog")->dev);
  CHECK(find(deps, "mixpanel")->dev);
  CHECK(find(deps, "rollbar")->dev);
  CHECK(find(deps, "rollbar")->line == 13);
  CHECK(find(deps, "sentry-sdk")->line == 18);
  CHECK_FALSE(find(deps, "sentry-sdk")->dev);
  CHECK(find(deps, "bugsnag")->dev);
  CHECK(find(deps, "python") == nullptr);

  std::string pipfile = "[packages]\nrequests = \"*\"\nsentry-sdk = \"*\"\n\n[dev-packages]\nmixpanel = \"*\"\n";
  deps = parse_manifest("Pipfile", pipfile);
  CHECK(find(deps, "sentry-sdk")->line == 3);
  CHECK(find(deps, "mixpanel")->dev);
}

TEST_CASE("Gemfile groups and gemspec development dependencies") {
  std::string gemfile = R"(source 'https://rubygems.org'
gem 'rails', '~> 7.1'
gem 'sentry-ruby'
group :development, :test do
  gem 'mixpanel-ruby'
end
gem 'rollbar', group: :test
if ENV['X']
  gem 'bugsnag'
end
)";
  auto deps = parse_manifest("Gemfile", gemfile);
  CHECK(find(deps, "sentry-ruby")->line == 3);
  CHECK_FALSE(find(deps, "sentry-ruby")->dev);
  CHECK(find(deps, "mixpanel-ruby")->dev);
  CHECK(find(deps, "rollbar")->dev);
  CHECK_FALSE(find(deps, "bugsnag")->dev);
  deps = parse_manifest("x.gemspec", "  s.add_dependency 'sentry-ruby'\n  s.add_development_dependency 'rollbar'\n");
  CHECK_FALSE(deps[0].dev);
  CHECK(deps[1].dev);
}

TEST_CASE("composer.json require vs require-dev, platform packages skipped") {
  std::string composer = R"({
    "require": {
        "php": ">=8.1",
        "ext-json": "*",
        "sentry/sentry-laravel": "^4.0"
    },
    "require-dev": {
        "bugsnag/bugsnag-laravel": "^2.0"
    }
})";
  auto deps = parse_manifest("composer.json", composer);
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].name == "sentry/sentry-laravel");
  CHECK(deps[0].line == 5);
  CHECK(deps[1].dev);
}

TEST_CASE("go.mod single and block requires") {
  std::string gomod = "module example.org/service\n\ngo 1.22\n\nrequire github.com/getsentry/sentry-go v0.27.0\n\n"
                      "require (\n\tgithub.com/posthog/posthog-go v0.0.0-2024 // indirect\n\tgolang.org/x/net v0.20.0\n)\n";
  auto deps = parse_manifest("go.mod", gomod);
  REQUIRE(deps.size() == 3);
  CHECK(deps[0].name == "github.com/getsentry/sentry-go");
  CHECK(deps[0].line == 5);
  CHECK(deps[1].name == "github.com/posthog/posthog-go");
  CHECK(deps[1].line == 8);
  CHECK(deps[1].section == "indirect");
}

TEST_CASE("pubspec.yaml dependencies vs dev_dependencies") {
  std::string pubspec = R"(name: service
dependencies:
  flutter:
    sdk: flutter
  google_mobile_ads: ^4.0.0
  firebase_analytics: ^10.0.0
dev_dependencies:
  flutter_test:
    sdk: flutter
  sentry_flutter: ^7.0.0
)";
  auto deps = parse_manifest("pubspec.yaml", pubspec);
  REQUIRE(deps.size() == 3);
  CHECK(find(deps, "google_mobile_ads")->line == 5);
  CHECK_FALSE(find(deps, "google_mobile_ads")->dev);
  CHECK(find(deps, "sentry_flutter")->dev);
}

TEST_CASE(".csproj PackageReference and packages.config") {
  std::string csproj = R"(<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Sentry.AspNetCore" Version="4.0.0" />
    <PackageReference Include="StyleCop.Analyzers" Version="1.1" PrivateAssets="all" />
  </ItemGroup>
</Project>
)";
  auto deps = parse_manifest("src/Service/Service.csproj", csproj);
  REQUIRE(deps.size() == 2);
  CHECK(deps[0].name == "Sentry.AspNetCore");
  CHECK(deps[0].line == 3);
  CHECK_FALSE(deps[0].dev);
  CHECK(deps[1].dev);
  CHECK(parse_manifest("tests/Service.Tests/Service.Tests.csproj", csproj)[0].dev);
  auto pc = parse_manifest("packages.config", "<packages>\n  <package id=\"Microsoft.AppCenter.Crashes\" version=\"5.0\" />\n</packages>\n");
  REQUIRE(pc.size() == 1);
  CHECK(pc[0].line == 2);
}

TEST_CASE("lock files and manifests are told apart by name") {
  CHECK(is_manifest("a/b/package.json"));
  CHECK(is_manifest("app/build.gradle.kts"));
  CHECK_FALSE(is_manifest("settings.gradle"));
  CHECK(is_manifest("requirements-dev.txt"));
  CHECK_FALSE(is_manifest("notes.txt"));
  CHECK(is_lock_file("web/package-lock.json"));
  CHECK(is_lock_file("yarn.lock"));
  CHECK_FALSE(is_lock_file("package.json"));
}
