package fr.example.horaires

import com.mixpanel.android.mpmetrics.MixpanelAPI
import org.junit.Test

class AnalyticsTest {
    @Test fun noEventsWithoutConsent() { /* MixpanelAPI is only used to check the wrapper is inert. */ }
}
