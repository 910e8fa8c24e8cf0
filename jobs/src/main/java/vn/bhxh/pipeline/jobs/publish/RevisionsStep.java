package vn.bhxh.pipeline.jobs.publish;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.catalog.TableVersion;
import vn.bhxh.pipeline.common.publication.PublicationTransforms;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.PublicationColumns;
import vn.bhxh.pipeline.common.schema.PublishedColumns;
import vn.bhxh.pipeline.common.schema.RevisionColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * Keeps {@code revisions} current (docs/publication.md): after {@code transform} (and so {@code
 * nightly}) or {@code publish} has written some months, replaces exactly the published ones among
 * them in {@code revisions}, every vintage, in one commit. Months never published cost nothing: the
 * step reads only the small {@code publications} table to know.
 */
public final class RevisionsStep {
  private static final Logger LOG = LoggerFactory.getLogger(RevisionsStep.class);

  private RevisionsStep() {}

  /**
   * Refreshes the revisions of the published months among {@code periods}; returns those months.
   */
  public static SortedSet<Period> refresh(JobEnvironment environment, Set<Period> periods) {
    TableCatalog catalog = environment.catalog();
    SortedSet<Period> published = publishedPeriods(catalog);
    published.retainAll(periods);
    if (published.isEmpty()) {
      return published;
    }
    SparkSession spark = environment.spark();
    String label = published.size() == 1 ? published.first().toString() : published.toString();
    spark.sparkContext().setJobDescription(RevisionColumns.TABLE + " " + label);
    // The current figures at one fixed version, which the rows then name.
    TableVersion version = catalog.version(IndicatorColumns.TABLE).orElseThrow();
    Object[] months = published.stream().map(Period::toString).toArray();
    Dataset<Row> current =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", version.version())
            .load(catalog.path(IndicatorColumns.TABLE))
            .where(col(IndicatorColumns.PERIOD).isin(months));
    Dataset<Row> revisions =
        PublicationTransforms.revisions(
            catalog
                .read(PublishedColumns.INDICATORS)
                .where(col(PublishedColumns.PERIOD).isin(months)),
            catalog
                .read(PublicationColumns.TABLE)
                .where(col(PublicationColumns.PERIOD).isin(months)),
            current,
            version.version());
    catalog.createIfMissing(
        RevisionColumns.TABLE, RevisionColumns.TABLE_SCHEMA, RevisionColumns.PERIOD);
    catalog.replaceWhere(
        revisions.repartition(col(RevisionColumns.PERIOD)),
        RevisionColumns.TABLE,
        RevisionColumns.PERIOD + " IN (" + quoted(published) + ")",
        RevisionColumns.PERIOD);
    spark.sparkContext().setJobDescription(null);
    LOG.info(
        "{}: refreshed {} against indicators version {}",
        RevisionColumns.TABLE,
        label,
        version.version());
    return published;
  }

  /** The periods with a {@code publications} row (a few strings per month published). */
  static SortedSet<Period> publishedPeriods(TableCatalog catalog) {
    if (!catalog.exists(PublicationColumns.TABLE)) {
      return new TreeSet<>();
    }
    List<Row> rows =
        catalog
            .read(PublicationColumns.TABLE)
            .select(PublicationColumns.PERIOD)
            .distinct()
            .collectAsList();
    return rows.stream()
        .map(row -> Period.parse(row.getString(0)))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  static String quoted(Set<Period> periods) {
    return periods.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
  }
}
