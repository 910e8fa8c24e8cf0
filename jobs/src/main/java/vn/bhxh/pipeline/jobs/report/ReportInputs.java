package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.ReportSettings;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.publication.PublicationTransforms;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.PublicationColumns;
import vn.bhxh.pipeline.common.schema.PublishedColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.publish.FrozenTables;

/**
 * What a report is made from, and where its report tables go: the live tables of the warehouse
 * (figures as they stand; the report tables are the warehouse's), or, for {@code report
 * --as-published}, the latest vintage of every published period (docs/publication.md): the frozen
 * copies of its indicators and data-quality rows and the revision notes recorded with it, while the
 * report tables are written to a scratch folder under the warehouse, deleted at the end, so the
 * warehouse's own report tables keep the current figures.
 */
abstract class ReportInputs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportInputs.class);
  private static final String SCRATCH = "_scratch";

  final JobEnvironment environment;

  private ReportInputs(JobEnvironment environment) {
    this.environment = environment;
  }

  /** The inputs of a report of the figures selected. */
  static ReportInputs of(JobEnvironment environment, ReportOptions.Figures figures) {
    return figures == ReportOptions.Figures.AS_PUBLISHED
        ? new AsPublished(environment)
        : new Live(environment);
  }

  /** The periods that can be reported, in order. */
  abstract List<Period> periods();

  /** A table the report reads ({@code indicators}, {@code ingest_log}, …); empty if absent. */
  abstract Dataset<Row> read(String table, StructType schema);

  /** What to do when there is nothing to report, for the error line. */
  abstract String remedy();

  /** Where the report tables are written and read back. */
  abstract TableCatalog reportTables();

  /** The lines of the bulletins' "Revisions of earlier months" sections, by period. */
  abstract Map<Period, List<String>> revisionNotes(List<Period> periods);

  @Override
  public void close() {}

  final double threshold() {
    return settings().revisionThresholdPct();
  }

  final ReportSettings settings() {
    return environment.config().report();
  }

  /** The warehouse as it stands. */
  private static final class Live extends ReportInputs {
    Live(JobEnvironment environment) {
      super(environment);
    }

    @Override
    List<Period> periods() {
      return environment
          .catalog()
          .partitionValues(IndicatorColumns.TABLE, IndicatorColumns.PERIOD)
          .stream()
          .map(Period::parse)
          .toList();
    }

    @Override
    Dataset<Row> read(String table, StructType schema) {
      TableCatalog catalog = environment.catalog();
      if (catalog.exists(table)) {
        return catalog.read(table);
      }
      if (!table.equals(IndicatorColumns.TABLE)) {
        LOG.warn(
            "table {} does not exist yet: the data-quality tables show nothing from it", table);
      }
      return environment.spark().createDataFrame(List.of(), schema);
    }

    @Override
    String remedy() {
      return "run transform first?";
    }

    @Override
    TableCatalog reportTables() {
      return environment.catalog();
    }

    @Override
    Map<Period, List<String>> revisionNotes(List<Period> periods) {
      return RevisionNotes.lines(
          environment.catalog(), periods, settings().bulletinBoundary(), threshold());
    }
  }

  /** The latest vintage of every published period. */
  private static final class AsPublished extends ReportInputs {
    private final FrozenTables frozen;
    private final TableCatalog scratch;

    AsPublished(JobEnvironment environment) {
      super(environment);
      this.frozen = new FrozenTables(environment.spark(), environment.catalog());
      this.scratch =
          new TableCatalog(
              environment.spark(),
              environment.catalog().warehouse() + "/" + SCRATCH + "/" + environment.run().runId(),
              environment.config().catalog());
    }

    @Override
    List<Period> periods() {
      if (!environment.catalog().exists(PublicationColumns.TABLE)) {
        return List.of();
      }
      return latest().stream().map(row -> Period.parse(row.getString(0))).sorted().toList();
    }

    @Override
    Dataset<Row> read(String table, StructType schema) {
      return frozen.asPublished(new PublishedColumns.Source(table, schema));
    }

    @Override
    String remedy() {
      return "publish a period first?";
    }

    @Override
    TableCatalog reportTables() {
      return scratch;
    }

    @Override
    Map<Period, List<String>> revisionNotes(List<Period> periods) {
      Object[] months = periods.stream().map(Period::toString).toArray();
      Map<Period, List<String>> notes = new TreeMap<>();
      // One row per period: its latest vintage's publication.
      for (Row row :
          environment
              .catalog()
              .read(PublicationColumns.TABLE)
              .join(
                  PublicationTransforms.latestVintages(
                      environment.catalog().read(PublicationColumns.TABLE)),
                  new String[] {PublicationColumns.PERIOD, PublicationColumns.VINTAGE},
                  "left_semi")
              .where(col(PublicationColumns.PERIOD).isin(months))
              .select(PublicationColumns.PERIOD, PublicationColumns.REVISION_NOTES)
              .collectAsList()) {
        notes.put(Period.parse(row.getString(0)), row.getList(1));
      }
      return notes;
    }

    @Override
    public void close() {
      Path root = new Path(scratch.warehouse());
      try {
        root.getFileSystem(environment.spark().sparkContext().hadoopConfiguration())
            .delete(root, true);
      } catch (IOException e) {
        throw new PipelineException("cannot delete " + root + ": " + e.getMessage(), e);
      }
    }

    private List<Row> latest() {
      return PublicationTransforms.latestVintages(
              environment.catalog().read(PublicationColumns.TABLE))
          .collectAsList();
    }
  }
}
