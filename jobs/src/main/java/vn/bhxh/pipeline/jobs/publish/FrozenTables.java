package vn.bhxh.pipeline.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.publication.PublicationTransforms;
import vn.bhxh.pipeline.common.schema.PublicationColumns;
import vn.bhxh.pipeline.common.schema.PublishedColumns;
import vn.bhxh.pipeline.common.schema.PublishedColumns.Source;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The frozen copies of published periods ({@code <table>_published}, {@link PublishedColumns}):
 * writing a vintage, removing the rows of a vintage that was never recorded in {@code
 * publications}, and reading a table as it was published.
 */
public final class FrozenTables {
  private final SparkSession spark;
  private final TableCatalog catalog;

  public FrozenTables(SparkSession spark, TableCatalog catalog) {
    this.spark = spark;
    this.catalog = catalog;
  }

  /**
   * Writes the period's rows of a source table as a vintage of its frozen copy: one Delta commit,
   * which replaces any rows an unfinished publish left under the same period and vintage.
   *
   * @param rows the source table's rows, already narrowed to the period (and version)
   */
  void freeze(Source source, Dataset<Row> rows, Period period, int vintage) {
    catalog.createIfMissing(source.published(), source.publishedSchema(), PublishedColumns.PERIOD);
    List<Column> columns = new ArrayList<>();
    for (StructField field : source.schema().fields()) {
      columns.add(col(field.name()));
    }
    columns.add(lit(vintage).as(PublishedColumns.VINTAGE));
    catalog.replaceWhere(
        rows.select(columns.toArray(Column[]::new)).coalesce(1),
        source.published(),
        vintageCondition(period, vintage),
        PublishedColumns.PERIOD);
  }

  /**
   * Deletes the rows of every frozen copy whose period and vintage have no {@code publications}
   * row: what a publish killed between its frozen copies and its {@code publications} row left.
   *
   * @return the vintages removed, as {@code table 2025-10 v2}; empty when there were none
   */
  List<String> removeUnfinished() {
    Set<String> recorded = new HashSet<>();
    if (catalog.exists(PublicationColumns.TABLE)) {
      for (Row row : pairs(catalog.read(PublicationColumns.TABLE))) {
        recorded.add(row.getString(0) + "#" + row.getInt(1));
      }
    }
    List<String> removed = new ArrayList<>();
    for (Source source : PublishedColumns.SOURCES) {
      if (!catalog.exists(source.published())) {
        continue;
      }
      List<String> conditions = new ArrayList<>();
      for (Row row : pairs(catalog.read(source.published()))) {
        if (!recorded.contains(row.getString(0) + "#" + row.getInt(1))) {
          conditions.add(
              "(" + vintageCondition(Period.parse(row.getString(0)), row.getInt(1)) + ")");
          removed.add(source.published() + " " + row.getString(0) + " v" + row.getInt(1));
        }
      }
      if (!conditions.isEmpty()) {
        catalog.delete(source.published(), String.join(" OR ", conditions));
      }
    }
    return removed;
  }

  /**
   * A table as published: the rows of the latest vintage of every published period, with the live
   * table's columns.
   */
  public Dataset<Row> asPublished(Source source) {
    Dataset<Row> frozen =
        catalog.exists(source.published())
            ? catalog.read(source.published())
            : spark.createDataFrame(List.of(), source.publishedSchema());
    String[] columns =
        java.util.Arrays.stream(source.schema().fields())
            .map(StructField::name)
            .toArray(String[]::new);
    return PublicationTransforms.asPublished(
        frozen,
        PublicationTransforms.latestVintages(catalog.read(PublicationColumns.TABLE)),
        columns);
  }

  private static List<Row> pairs(Dataset<Row> table) {
    // A few rows per month published: the (period, vintage) pairs, never the data.
    return table
        .select(PublishedColumns.PERIOD, PublishedColumns.VINTAGE)
        .distinct()
        .collectAsList();
  }

  private static String vintageCondition(Period period, int vintage) {
    return PublishedColumns.PERIOD
        + " = '"
        + period
        + "' AND "
        + PublishedColumns.VINTAGE
        + " = "
        + vintage;
  }
}
