package vn.bhxh.pipeline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.error.ConfigurationException;

class ReportSettingsTest {
  @Test
  void defaultsBulletinOnTheReportedBoundaryWithHtml() {
    ReportSettings report = ConfigLoader.defaults().report();

    assertThat(report).isEqualTo(new ReportSettings("reported", true, 3, 0.5));
  }

  @Test
  void overridesAreTyped() {
    ReportSettings report =
        ConfigLoader.load(
                Optional.empty(),
                List.of(
                    "pipeline.report.bulletin-boundary=current",
                    "pipeline.report.bulletin-html=false",
                    "pipeline.report.bulletin-highlights=5",
                    "pipeline.report.revision-threshold-pct=2"))
            .report();

    assertThat(report).isEqualTo(new ReportSettings("current", false, 5, 2.0));
  }

  @Test
  void anUnknownBoundaryFailsAtStartUpNamingTheKey() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Optional.empty(), List.of("pipeline.report.bulletin-boundary=p63")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("pipeline.report.bulletin-boundary must be reported or current, got 'p63'");
  }

  @Test
  void noHighlightsFailsAtStartUpNamingTheKey() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Optional.empty(), List.of("pipeline.report.bulletin-highlights=0")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("pipeline.report.bulletin-highlights must be at least 1");
  }

  @Test
  void aNegativeRevisionThresholdFailsAtStartUpNamingTheKey() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    Optional.empty(), List.of("pipeline.report.revision-threshold-pct=-1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("pipeline.report.revision-threshold-pct must be 0 or more, got -1.0");
  }
}
