package vn.bhxh.pipeline.jobs.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.jobs.Main;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;

class ServeAddressTest {
  private static final Map<String, String> NO_AUTHENTICATION = Map.of();

  @Test
  void loopbackNeedsNoAuthentication() {
    assertThat(ServeAddress.of("127.0.0.1", 10000, NO_AUTHENTICATION).jdbcUrl(10000))
        .isEqualTo("jdbc:hive2://127.0.0.1:10000/default");
    assertThat(ServeAddress.of("::1", 0, NO_AUTHENTICATION).jdbcUrl(41234))
        .isEqualTo("jdbc:hive2://[::1]:41234/default");
  }

  @Test
  void anyOtherAddressNeedsAnAuthenticatingMechanism() {
    assertThatThrownBy(() -> ServeAddress.of("0.0.0.0", 10000, NO_AUTHENTICATION))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("--host 0.0.0.0 is not a loopback address")
        .hasMessageContaining(ServeAddress.AUTHENTICATION);
    assertThatThrownBy(
            () -> ServeAddress.of("0.0.0.0", 10000, Map.of(ServeAddress.AUTHENTICATION, "NOSASL")))
        .isInstanceOf(ConfigurationException.class);

    assertThat(ServeAddress.of("0.0.0.0", 10000, Map.of(ServeAddress.AUTHENTICATION, "ldap")))
        .isEqualTo(new ServeAddress("0.0.0.0", 10000));
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    assertThatThrownBy(() -> new ServeAddress("127.0.0.1", 70_000))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("--port must be 0 (any free port) to 65535, got 70000");
  }

  @Test
  void serveExitsTwoOnAnUnauthenticatedPublicAddressBeforeSparkStarts() {
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.run("serve", "--warehouse", "/nonexistent", "--host", "0.0.0.0");
    } finally {
      System.setErr(savedErr);
    }
    assertThat(code).isEqualTo(JobLauncher.BAD_CONFIGURATION);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .startsWith("pipeline serve: error: --host 0.0.0.0 is not a loopback address")
        .doesNotContain("\n");
  }
}
