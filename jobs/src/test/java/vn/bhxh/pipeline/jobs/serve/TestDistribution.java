package vn.bhxh.pipeline.jobs.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Thrift server and Hive JDBC driver for tests: from SPARK_HOME when set, else from the
 * project's PySpark, the one bin/pipeline uses ({@code bin/python-env spark-home}, which creates
 * the venv on first use).
 */
final class TestDistribution {
  private static ClassLoader loader;

  private TestDistribution() {}

  static synchronized ClassLoader loader() {
    if (loader == null) {
      loader =
          SparkDistribution.loader(TestDistribution.class.getClassLoader(), Optional.of(home()));
    }
    return loader;
  }

  /** SPARK_HOME, else the project's PySpark. */
  static synchronized Path home() {
    String home = System.getenv("SPARK_HOME");
    return home != null ? Path.of(home) : projectSparkHome();
  }

  private static Path projectSparkHome() {
    Path script = Path.of("..", "bin", "python-env").toAbsolutePath().normalize();
    try {
      Process process =
          new ProcessBuilder(script.toString(), "spark-home")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(script + " spark-home failed");
      }
      return Path.of(out.strip());
    } catch (IOException e) {
      throw new IllegalStateException(script + " spark-home: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
