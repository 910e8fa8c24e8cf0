package vn.bhxh.pipeline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.Period;

class GenerateSettingsTest {

  @Test
  void defaultsAreTheVss2023Anchors() {
    GenerateSettings settings = ConfigLoader.defaults().generate();
    assertThat(settings.threads()).isEqualTo(2);
    assertThat(settings.progressInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.anchorPeriod()).isEqualTo(Period.of(2023, 12));
    assertThat(settings.siShareOfWorkingAge()).isEqualTo(0.3925);
    assertThat(settings.hiShareOfPopulation()).isEqualTo(0.9335);
  }

  @Test
  void aBadValueFailsAtStartUpNamingItsKey() {
    assertThatThrownBy(() -> load("pipeline.generate.threads=0"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("pipeline.generate.threads must be between 1 and 64, got 0");
    assertThatThrownBy(() -> load("pipeline.generate.ui-share-of-working-age=0.36"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("pipeline.generate.ui-share-of-working-age must not exceed");
    assertThatThrownBy(() -> load("pipeline.generate.anchor-period=2023-13"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("pipeline.generate.anchor-period must be a period YYYY-MM");
    assertThatThrownBy(() -> load("pipeline.generate.hi-share-of-population=1.5"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("pipeline.generate.hi-share-of-population must be a share");
  }

  private static PipelineConfig load(String override) {
    return ConfigLoader.load(Optional.empty(), List.of(override));
  }
}
