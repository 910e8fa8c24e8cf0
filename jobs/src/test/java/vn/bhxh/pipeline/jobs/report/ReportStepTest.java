package vn.bhxh.pipeline.jobs.report;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * {@link ReportStep} called as {@code nightly} calls it, with exact periods, on a warehouse without
 * indicators (the whole report is {@link ReportJobTest}'s and, for exact periods, {@code
 * NightlyJobTest}'s).
 */
@JobTier
class ReportStepTest {
  @TempDir File dir;

  @Test
  void exactPeriodsWithoutIndicatorsFailNamingThem() {
    PipelineConfig config =
        SparkTestSession.config()
            .withLocations(
                null, new File(dir, "warehouse").getPath(), new File(dir, "out").getPath());
    JobEnvironment environment =
        new JobEnvironment(
            config,
            SparkTestSession.get(),
            TableCatalog.of(SparkTestSession.get(), config),
            RunContext.start("report", List.of(), Clock.systemUTC()));

    assertThatThrownBy(
            () ->
                ReportStep.run(
                    environment, new TreeSet<>(List.of(Period.of(2024, 3), Period.of(2024, 1)))))
        .isInstanceOf(PipelineException.class)
        .hasMessage("no indicators for the periods [2024-01, 2024-03] (run transform first?)");
  }
}
