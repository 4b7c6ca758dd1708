plugins {
    id("com.android.application")
    kotlin("android")
}

android {
    namespace = "fr.example.horaires"
    compileSdk = 34
}

dependencies {
    implementation("androidx.appcompat:appcompat:1.6.1")
    implementation("com.google.android.gms:play-services-ads:23.0.0")
    implementation("com.google.firebase:firebase-crashlytics-ktx:18.6.2")
    testImplementation("junit:junit:4.13.2")
    testImplementation("com.mixpanel.android:mixpanel-android:7.4.1")
}
