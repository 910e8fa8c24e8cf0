package vn.bhxh.pipeline.common.indicators;

import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tables an {@link IndicatorComputation} reads, as frames: {@code TransformStep} gives the
 * warehouse's tables, a test gives inline rows. Every frame holds every month its table has; the
 * computation selects the months of its {@link MonthPlan}. Empty where the table does not exist.
 */
public interface IndicatorInputs {
  /**
   * The rows of a dataset of the catalogue: a silver table ({@code participation}, {@code
   * contributions}, {@code benefits}) or {@code population}, with its table's columns.
   */
  Optional<Dataset<Row>> rows(String dataset);

  /** The {@code targets} table. */
  Optional<Dataset<Row>> targets();

  /**
   * The LOADED files of {@code ingest_log}: at least {@code dataset}, {@code period} and {@code
   * province_code}. They say which provinces delivered a dataset in a month; without an ingest log
   * (empty), the provinces that have rows did.
   */
  Optional<Dataset<Row>> loadedFiles();

  /**
   * The {@code indicators} table as stored: the base values of the months of {@link
   * MonthPlan#fromIndicators()} are read back from it.
   */
  Optional<Dataset<Row>> indicators();
}
