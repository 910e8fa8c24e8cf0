package vn.bhxh.pipeline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.error.ConfigurationException;

class ValidationSettingsTest {
  private static PipelineConfig load(String... overrides) {
    return ConfigLoader.load(Optional.empty(), List.of(overrides));
  }

  @Test
  void theDefaultsNeverFailARunAndExamineCountsAgainstTwoYearsOfHistory() {
    ValidationSettings settings = ConfigLoader.defaults().validation();
    assertThat(settings.failOn()).isEqualTo(ValidationSettings.FailOn.NEVER);
    assertThat(settings.rules()).isEqualTo("classpath:conf/validation-rules.conf");
    assertThat(settings.outliers().historyMonths()).isEqualTo(24);
    assertThat(settings.outliers().minHistory()).isEqualTo(12);
    assertThat(settings.outliers().modifiedZ()).isEqualTo(3.5);
    assertThat(settings.outliers().absoluteFloor()).containsEntry("persons", 30.0);
    assertThat(settings.outliers().indicators()).contains("hi_participants", "collected_vnd");
    assertThat(load("pipeline.validation.fail-on=error").validation().failOn())
        .isEqualTo(ValidationSettings.FailOn.ERROR);
  }

  @Test
  void badValuesAreOneLineErrorsNamingTheKey() {
    assertThatThrownBy(() -> load("pipeline.validation.fail-on=warning"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("pipeline.validation.fail-on must be error or never, got 'warning'");
    assertThatThrownBy(() -> load("pipeline.validation.outliers.min-history=30"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("pipeline.validation.outliers.min-history");
    assertThatThrownBy(() -> load("pipeline.validation.outliers.severity=fatal"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("pipeline.validation.outliers.severity must be error or warning");
  }
}
