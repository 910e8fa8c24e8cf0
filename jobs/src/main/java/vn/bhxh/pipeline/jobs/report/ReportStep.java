package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.DataQualityColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.NationSummaryColumns;
import vn.bhxh.pipeline.common.schema.ProvinceScorecardColumns;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;
import vn.bhxh.pipeline.common.schema.QuarantineReasonColumns;
import vn.bhxh.pipeline.common.schema.RegionSummaryColumns;
import vn.bhxh.pipeline.common.schema.ReportColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Measure;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.spark.ConcurrentSteps;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.report.bulletin.Bulletin;
import vn.bhxh.pipeline.jobs.report.bulletin.BulletinData;
import vn.bhxh.pipeline.jobs.report.bulletin.Document;
import vn.bhxh.pipeline.jobs.report.bulletin.DocumentWriter;

/**
 * The report of a range of periods, as the {@code report} command ({@link ReportJob}), {@code
 * nightly} and {@code demo} run it: the report tables (one {@code replaceWhere} per table over
 * exactly those periods, so a re-run replaces them and leaves every other period untouched), their
 * Parquet extracts (one folder per table and period) and one bulletin per period, each folder and
 * file published atomically ({@link AtomicPublisher}, {@link ReportExtracts}). A failure leaves
 * every table written before it replaced, and every extract and bulletin at its last good version.
 */
public final class ReportStep {
  private static final Logger LOG = LoggerFactory.getLogger(ReportStep.class);

  /** The report tables, in the order they are written (the summaries read the scorecard). */
  public static final List<String> TABLES =
      List.of(
          ProvinceScorecardColumns.TABLE,
          RegionSummaryColumns.TABLE,
          NationSummaryColumns.TABLE,
          DataQualityColumns.TABLE,
          QuarantineReasonColumns.TABLE);

  /**
   * At most this many report steps at a time (table writes, extracts, bulletins): each is small and
   * mostly driver time, so a few side by side keep two cores busy without crowding memory.
   */
  private static final int CONCURRENT_STEPS = 3;

  private final JobEnvironment environment;
  private final SparkSession spark;
  private final ReportInputs inputs;

  /** Where the report tables are written: the warehouse, or a scratch one for as-published. */
  private final TableCatalog catalog;

  private final Geography geography;
  private final Path out;
  private final FileSystem fs;
  private final AtomicPublisher publisher;
  private final ReportExtracts extracts;

  private ReportStep(
      JobEnvironment environment,
      ReportInputs inputs,
      Geography geography,
      Path out,
      FileSystem fs) {
    this.environment = environment;
    this.spark = environment.spark();
    this.inputs = inputs;
    this.catalog = inputs.reportTables();
    this.geography = geography;
    this.out = fs.makeQualified(out);
    this.fs = fs;
    this.publisher = new AtomicPublisher(fs);
    this.extracts = new ReportExtracts(spark, fs, publisher, this.out, environment.run().runId());
  }

  /** Writes the report outputs of every period of the range present in {@code indicators}. */
  public static RunResult run(JobEnvironment environment, ReportOptions options) {
    PeriodRange range = options.range();
    // An open range asks for every period: say so rather than print "…..…".
    String asked = range.equals(PeriodRange.ALL) ? "in the warehouse" : "for the periods " + range;
    if (options.figures() == ReportOptions.Figures.AS_PUBLISHED) {
      asked = "published " + asked;
    }
    String published = asked;
    return withOutput(environment, options.figures(), step -> step.run(range::contains, published));
  }

  /**
   * Writes the report outputs of exactly these periods (those without indicators are skipped), in
   * one run: one commit per report table however scattered the periods ({@code nightly}).
   */
  public static RunResult run(JobEnvironment environment, SortedSet<Period> periods) {
    return withOutput(
        environment,
        ReportOptions.Figures.CURRENT,
        step -> step.run(periods::contains, "for the periods " + periods));
  }

  private static RunResult withOutput(
      JobEnvironment environment,
      ReportOptions.Figures figures,
      java.util.function.Function<ReportStep, RunResult> work) {
    PipelineConfig config = environment.config();
    Geography geography = Geography.load(config.geography());
    Path out = new Path(config.reportOut());
    // A private instance: its checksum setting must not leak into the session's shared one.
    try (ReportInputs inputs = ReportInputs.of(environment, figures);
        FileSystem fs =
            FileSystem.newInstance(
                out.toUri(), environment.spark().sparkContext().hadoopConfiguration())) {
      // No .crc side files next to the bulletins on a local disk (HDFS keeps its own checksums).
      fs.setWriteChecksum(false);
      return work.apply(new ReportStep(environment, inputs, geography, out, fs));
    } catch (IOException e) {
      throw new PipelineException("cannot open report output " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * The report of the periods with indicators that {@code wanted} accepts; {@code asked} says which
   * they are in the error when there are none.
   */
  private RunResult run(Predicate<Period> wanted, String asked) {
    List<Period> periods = present().stream().filter(wanted).toList();
    if (periods.isEmpty()) {
      throw new PipelineException("no indicators " + asked + " (" + inputs.remedy() + ")");
    }
    return report(periods);
  }

  private RunResult report(List<Period> periods) {
    Dataset<Row> indicators = inputs.read(IndicatorColumns.TABLE, IndicatorColumns.TABLE_SCHEMA);
    String label = periods.get(0) + ".." + periods.get(periods.size() - 1);
    Column inPeriods =
        col(ReportColumns.PERIOD).isin(periods.stream().map(Period::toString).toArray());
    // One replaceWhere per table covering exactly the periods of this run: each of them is
    // replaced as a whole, every other period is untouched, and each table takes one commit.
    String replaced =
        ReportColumns.PERIOD
            + " IN ("
            + String.join(", ", periods.stream().map(p -> "'" + p + "'").toList())
            + ")";
    Dataset<Row> periodIndicators = indicators.where(inPeriods);
    Dataset<Row> ingestLog =
        inputs.read(IngestLogColumns.TABLE, IngestLogColumns.TABLE_SCHEMA).where(inPeriods);
    Dataset<Row> quarantine =
        inputs.read(QuarantineColumns.TABLE, QuarantineColumns.TABLE_SCHEMA).where(inPeriods);
    Dataset<Row> provinces = ProvinceDimension.of(spark, geography, periods);
    // The report columns and the bulletin's other indicators: the catalogue's report section.
    IndicatorCatalogue catalogue =
        IndicatorCatalogue.load(environment.config().indicators().catalogue());
    List<Measure> measures = ReportTransforms.measures(catalogue);

    describe(label, ProvinceScorecardColumns.TABLE);
    long rows =
        write(
            ReportTransforms.provinceScorecard(periodIndicators, provinces, measures),
            ProvinceScorecardColumns.TABLE,
            replaced);
    // The summaries count provinces from the scorecard as written, not from a second computation.
    Dataset<Row> scorecard = catalog.read(ProvinceScorecardColumns.TABLE).where(inPeriods);
    // The other tables do not depend on each other: written side by side (each write spends most
    // of its time on the driver: planning, the Delta commit), then their extracts and the
    // bulletins.
    Map<String, Dataset<Row>> others = new LinkedHashMap<>();
    others.put(
        RegionSummaryColumns.TABLE,
        ReportTransforms.regionSummary(periodIndicators, scorecard, measures));
    others.put(
        NationSummaryColumns.TABLE,
        ReportTransforms.nationSummary(periodIndicators, scorecard, measures));
    Dataset<Row> findings =
        inputs.read(ValidationColumns.TABLE, ValidationColumns.TABLE_SCHEMA).where(inPeriods);
    others.put(
        DataQualityColumns.TABLE,
        ReportTransforms.dataQuality(
            ingestLog,
            provinces,
            DataQualityChecks.perSlice(
                findings,
                DataQualityChecks.datasets(catalogue),
                environment.config().geography().p34From().toString())));
    others.put(
        QuarantineReasonColumns.TABLE, ReportTransforms.quarantineReasons(quarantine, provinces));
    ConcurrentSteps tables = new ConcurrentSteps(spark, CONCURRENT_STEPS);
    others.forEach(
        (table, frame) ->
            tables.add(description(label, table), () -> write(frame, table, replaced)));
    tables.add(
        description(label, "extract " + ProvinceScorecardColumns.TABLE),
        () -> extracts.write(ProvinceScorecardColumns.TABLE, scorecard, periods));
    List<Object> written = tables.run();
    for (Object count : written) {
      rows += count instanceof Long n ? n : 0;
    }

    ConcurrentSteps published = new ConcurrentSteps(spark, CONCURRENT_STEPS);
    for (String table : TABLES.subList(1, TABLES.size())) {
      published.add(
          description(label, "extract " + table),
          () -> extracts.write(table, catalog.read(table).where(inPeriods), periods));
    }
    published.add(
        description(label, "bulletins"),
        () -> {
          // Collected once for all the bulletins: the tables as this run wrote them.
          BulletinSource bulletins =
              BulletinSource.collect(
                  environment.config().report().bulletinBoundary(),
                  catalogue,
                  catalog.read(NationSummaryColumns.TABLE).where(inPeriods),
                  catalog.read(RegionSummaryColumns.TABLE).where(inPeriods),
                  scorecard,
                  catalog.read(DataQualityColumns.TABLE).where(inPeriods),
                  findings);
          Map<Period, List<String>> revisions = inputs.revisionNotes(periods);
          for (Period period : periods) {
            writeBulletin(bulletins.read(period), revisions.get(period));
          }
        });
    published.run();
    // The caller's later jobs (say, the launcher's runs row) are not the scorecard's.
    spark.sparkContext().setJobDescription(null);
    Map<String, String> details = new LinkedHashMap<>();
    details.put("periods", periods.size() + " (" + label + ")");
    details.put("tables", String.join(",", TABLES));
    details.put("out", out.toString());
    LOG.info(
        "report: {} periods ({}), {} rows in the report tables; extracts and bulletins in {}",
        periods.size(),
        label,
        rows,
        out);
    return new RunResult(0, rows, 0, details);
  }

  /**
   * The periods that have indicators, in order: the partition values of the Delta log (metadata, no
   * scan of the table).
   */
  private List<Period> present() {
    spark.sparkContext().setJobDescription("report: periods in " + IndicatorColumns.TABLE);
    return inputs.periods();
  }

  private void writeBulletin(BulletinData data, List<String> revisions) {
    Document document =
        RevisionNotes.addTo(
            Bulletin.compose(data, environment.config().report().bulletinHighlights()),
            revisions,
            inputs.threshold());
    publishText(
        ReportLayout.bulletin(out, data.period(), ReportLayout.MARKDOWN),
        DocumentWriter.markdown(document));
    if (environment.config().report().bulletinHtml()) {
      publishText(
          ReportLayout.bulletin(out, data.period(), ReportLayout.HTML),
          DocumentWriter.html(document));
    }
  }

  private void publishText(Path target, String text) {
    publisher.publish(
        target,
        environment.run().runId(),
        staging -> {
          try (OutputStream stream = fs.create(staging, false)) {
            stream.write(text.getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new PipelineException("cannot write " + staging + ": " + e.getMessage(), e);
          }
        });
  }

  /** Replaces the run's periods of a table (one Delta commit); returns the rows written. */
  private long write(Dataset<Row> rows, String table, String periods) {
    catalog.replaceWhere(rows, table, periods, ReportColumns.PERIOD);
    return catalog.lastCommitOutputRows(table);
  }

  private void describe(String periods, String step) {
    spark.sparkContext().setJobDescription(description(periods, step));
  }

  private static String description(String periods, String step) {
    return "report " + periods + ": " + step;
  }
}
