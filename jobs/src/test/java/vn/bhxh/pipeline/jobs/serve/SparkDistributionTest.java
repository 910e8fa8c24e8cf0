package vn.bhxh.pipeline.jobs.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.testing.SparkTier;

@SparkTier
class SparkDistributionTest {
  private final ClassLoader application = SparkDistributionTest.class.getClassLoader();

  @Test
  void theDriverLoaderHasTheHiveJdbcDriverAndTheApplicationsSparkClasses() throws Exception {
    ClassLoader loader =
        SparkDistribution.driverLoader(application, Optional.of(TestDistribution.home()));

    assertThat(Class.forName(SparkDistribution.JDBC_DRIVER, false, loader).getClassLoader())
        .isNotSameAs(application);
    // Parent first: Spark's classes stay the application's own copy.
    assertThat(Class.forName("org.apache.spark.sql.SparkSession", false, loader))
        .isSameAs(org.apache.spark.sql.SparkSession.class);
  }

  @Test
  void withoutADistributionTheCommandIsRefusedSayingWhatToDo(@TempDir Path empty) {
    assertThatThrownBy(() -> SparkDistribution.loader(application, Optional.empty()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("set SPARK_HOME");
    assertThatThrownBy(() -> SparkDistribution.driverLoader(application, Optional.of(empty)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("set SPARK_HOME");
  }
}
