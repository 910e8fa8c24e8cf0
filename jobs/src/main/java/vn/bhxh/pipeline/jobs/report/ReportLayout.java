package vn.bhxh.pipeline.jobs.report;

import org.apache.hadoop.fs.Path;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Where the report outputs go under the output root:
 *
 * <pre>
 * &lt;out&gt;/extracts/&lt;table&gt;/period=&lt;YYYY-MM&gt;/part-….parquet   one folder per table and period
 * &lt;out&gt;/bulletin/&lt;YYYY-MM&gt;.md and .html                     one bulletin per period
 * </pre>
 *
 * The extract folders follow Hive partition naming, so {@code spark.read.parquet(".../<table>")}
 * (or pandas, DuckDB) reads every period at once with {@code period} as a column.
 */
public final class ReportLayout {
  static final String EXTRACTS = "extracts";
  static final String BULLETIN = "bulletin";
  static final String MARKDOWN = "md";
  static final String HTML = "html";

  private ReportLayout() {}

  /** The extract folder of a table and period. */
  public static Path extract(Path out, String table, Period period) {
    return new Path(new Path(new Path(out, EXTRACTS), table), partition(period));
  }

  /** The folder name of a period in a partitioned layout: {@code period=2023-10}. */
  public static String partition(Period period) {
    return CommonColumns.PERIOD + "=" + period;
  }

  /** The bulletin file of a period in a format ({@code md} or {@code html}). */
  public static Path bulletin(Path out, Period period, String extension) {
    return new Path(new Path(out, BULLETIN), period + "." + extension);
  }
}
