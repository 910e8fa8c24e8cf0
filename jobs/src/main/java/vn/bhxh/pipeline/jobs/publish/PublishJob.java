package vn.bhxh.pipeline.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.catalog.TableVersion;
import vn.bhxh.pipeline.common.config.ReportSettings;
import vn.bhxh.pipeline.common.error.InputException;
import vn.bhxh.pipeline.common.nightly.RunLock;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.PublicationColumns;
import vn.bhxh.pipeline.common.schema.PublishedColumns;
import vn.bhxh.pipeline.common.schema.PublishedColumns.Source;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.report.RevisionNotes;

/**
 * The {@code publish} command (docs/publication.md): under the warehouse lock, freezes a period's
 * indicators (both boundaries, at one Delta version of {@code indicators}) and the data-quality
 * rows its report reads as the period's next vintage, then records the vintage in {@code
 * publications} and its revisions.
 *
 * <p>Delta commits one table at a time, so a vintage is made in steps and the {@code publications}
 * row is the last of them: a vintage exists once that row does. Every frozen copy is written in one
 * commit of its own that replaces whatever an earlier attempt left under the same period and
 * vintage, and readers ({@code report --as-published}, {@code revisions}) only read vintages that
 * have a row. A publish killed before the row leaves frozen rows nobody reads; the next {@code
 * publish} deletes them first ({@link FrozenTables#removeUnfinished}).
 */
public final class PublishJob {
  private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);

  /** Runs between the frozen copies and the {@code publications} row; tests fail there. */
  @FunctionalInterface
  interface BeforeRecord {
    void run(Period period, int vintage);
  }

  private PublishJob() {}

  /** Publishes the period as its next vintage; prints one line. */
  public static RunResult run(JobEnvironment environment, PublishRequest request, PrintStream out) {
    return run(environment, request, out, (period, vintage) -> {});
  }

  static RunResult run(
      JobEnvironment environment, PublishRequest request, PrintStream out, BeforeRecord hook) {
    SparkSession spark = environment.spark();
    TableCatalog catalog = environment.catalog();
    RunLock lock =
        RunLock.forWarehouse(
            catalog.warehouse(),
            environment.config().nightly().lock(),
            spark.sparkContext().hadoopConfiguration(),
            environment.run().clock());
    Period period = request.period();
    try (RunLock.Handle handle = lock.acquire(environment.run().runId())) {
      spark.sparkContext().setJobDescription("publish " + period + ": repair");
      FrozenTables frozen = new FrozenTables(spark, catalog);
      List<String> removed = frozen.removeUnfinished();
      if (!removed.isEmpty()) {
        LOG.warn("publish: removed the rows of unfinished vintages: {}", removed);
        out.println(
            "publish: removed the rows of unfinished vintages: " + String.join(", ", removed));
      }
      // Every published period: a few thousand rows a month, and it writes the revisions that a
      // publish killed after its publications row did not.
      RevisionsStep.refresh(environment, RevisionsStep.publishedPeriods(catalog));

      TableVersion version =
          catalog
              .version(IndicatorColumns.TABLE)
              .orElseThrow(() -> new InputException("no indicators table (run transform first)"));
      if (!catalog
          .partitionValues(IndicatorColumns.TABLE, IndicatorColumns.PERIOD)
          .contains(period.toString())) {
        throw new InputException("no indicators for " + period + " (run transform for it first)");
      }
      spark.sparkContext().setJobDescription("publish " + period + ": checks");
      Dataset<Row> indicators =
          spark
              .read()
              .format("delta")
              .option("versionAsOf", version.version())
              .load(catalog.path(IndicatorColumns.TABLE))
              .where(col(IndicatorColumns.PERIOD).equalTo(period.toString()));
      List<String> reasons = ReadinessCheck.reasons(catalog, indicators, period);
      if (!reasons.isEmpty() && request.readiness() == PublishRequest.Readiness.REQUIRED) {
        throw new InputException(
            period
                + " is not ready to publish: "
                + String.join("; ", reasons)
                + " (publish --force to publish it anyway)");
      }
      int vintage = nextVintage(catalog, period);
      handle.verify();
      for (Source source : PublishedColumns.SOURCES) {
        spark
            .sparkContext()
            .setJobDescription("publish " + period + " v" + vintage + ": " + source.published());
        Dataset<Row> rows =
            source.table().equals(IndicatorColumns.TABLE)
                ? indicators
                : live(spark, catalog, source)
                    .where(col(PublishedColumns.PERIOD).equalTo(period.toString()));
        frozen.freeze(source, rows, period, vintage);
      }
      hook.run(period, vintage);
      handle.verify();
      String forcedOver = reasons.isEmpty() ? null : String.join("; ", reasons);
      ReportSettings report = environment.config().report();
      List<String> notes =
          RevisionNotes.lines(
                  catalog,
                  List.of(period),
                  report.bulletinBoundary(),
                  report.revisionThresholdPct())
              .getOrDefault(period, List.of());
      Timestamp publishedAt = Timestamp.from(environment.run().clock().instant());
      catalog.appendRows(
          List.of(
              RowFactory.create(
                  period.toString(),
                  vintage,
                  publishedAt,
                  environment.run().runId(),
                  request.note().orElse(null),
                  version.version(),
                  forcedOver,
                  notes.toArray(String[]::new))),
          PublicationColumns.TABLE_SCHEMA,
          PublicationColumns.TABLE);
      RevisionsStep.refresh(environment, Set.of(period));
      spark.sparkContext().setJobDescription(null);
      long rows = catalog.lastCommitOutputRows(PublishedColumns.INDICATORS);
      out.println(
          "publish: "
              + period
              + " vintage "
              + vintage
              + " from indicators version "
              + version.version()
              + (forcedOver == null ? "" : " (forced over: " + forcedOver + ")"));
      out.flush();
      Map<String, String> details = new LinkedHashMap<>();
      details.put("period", period.toString());
      details.put("vintage", Integer.toString(vintage));
      details.put("indicators_version", Long.toString(version.version()));
      if (forcedOver != null) {
        details.put("forced_over", forcedOver);
      }
      if (!removed.isEmpty()) {
        details.put("removed_unfinished", String.join(", ", removed));
      }
      return new RunResult(0, rows, 0, details);
    }
  }

  /** One more than the period's latest vintage in {@code publications}; 1 for the first. */
  private static int nextVintage(TableCatalog catalog, Period period) {
    if (!catalog.exists(PublicationColumns.TABLE)) {
      return 1;
    }
    Row latest =
        catalog
            .read(PublicationColumns.TABLE)
            .where(col(PublicationColumns.PERIOD).equalTo(period.toString()))
            .agg(max(col(PublicationColumns.VINTAGE)))
            .first();
    return latest.isNullAt(0) ? 1 : latest.getInt(0) + 1;
  }

  private static Dataset<Row> live(SparkSession spark, TableCatalog catalog, Source source) {
    return catalog.exists(source.table())
        ? catalog.read(source.table())
        : spark.createDataFrame(List.of(), source.schema());
  }
}
