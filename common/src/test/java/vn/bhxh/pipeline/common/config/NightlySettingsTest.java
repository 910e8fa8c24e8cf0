package vn.bhxh.pipeline.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.nightly.ChangeDetector;

class NightlySettingsTest {
  @Test
  void defaultsComeFromReferenceConf() {
    NightlySettings.Lock lock = ConfigLoader.defaults().nightly().lock();

    assertThat(lock.path()).isEqualTo("_locks/nightly.lock");
    assertThat(lock.waitTimeout()).isEqualTo(Duration.ZERO);
    assertThat(lock.pollInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(lock.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(lock.staleAfter()).isEqualTo(Duration.ofMinutes(10));
    assertThat(ConfigLoader.defaults().nightly().verification())
        .isEqualTo(ChangeDetector.Verification.MODIFICATION_TIME);
  }

  @Test
  void verificationIsModificationTimeOrChecksum() {
    assertThat(
            ConfigLoader.load(Optional.empty(), List.of("pipeline.nightly.verification=checksum"))
                .nightly()
                .verification())
        .isEqualTo(ChangeDetector.Verification.CHECKSUM);
    assertThatThrownBy(
            () ->
                ConfigLoader.load(Optional.empty(), List.of("pipeline.nightly.verification=mtime")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "pipeline.nightly.verification must be modification-time or checksum, got 'mtime'");
  }

  @Test
  void overridesAreTypedAsDurations() {
    NightlySettings.Lock lock =
        load("pipeline.nightly.lock.wait-timeout=45m", "pipeline.nightly.lock.stale-after=1h");

    assertThat(lock.waitTimeout()).isEqualTo(Duration.ofMinutes(45));
    assertThat(lock.staleAfter()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aStaleAfterTooCloseToTheHeartbeatIsRejectedAtStartUp() {
    assertThatThrownBy(
            () ->
                load(
                    "pipeline.nightly.lock.heartbeat-interval=1m",
                    "pipeline.nightly.lock.stale-after=2m"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("pipeline.nightly.lock.stale-after (PT2M) must be at least 3 ×")
        .hasMessageContaining("pipeline.nightly.lock.heartbeat-interval (PT1M)");
  }

  @Test
  void eachBadValueNamesItsKey() {
    assertThatThrownBy(() -> load("pipeline.nightly.lock.wait-timeout=-1s"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("pipeline.nightly.lock.wait-timeout must not be negative");
    assertThatThrownBy(() -> load("pipeline.nightly.lock.poll-interval=0s"))
        .hasMessageStartingWith("pipeline.nightly.lock.poll-interval must be positive");
    assertThatThrownBy(() -> load("pipeline.nightly.lock.path=/tmp/elsewhere.lock"))
        .hasMessageStartingWith("pipeline.nightly.lock.path must be a path relative");
    assertThatThrownBy(() -> load("pipeline.nightly.lock.stale-after=soon"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("pipeline.nightly.lock.stale-after")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static NightlySettings.Lock load(String... overrides) {
    return ConfigLoader.load(Optional.empty(), List.of(overrides)).nightly().lock();
  }
}
