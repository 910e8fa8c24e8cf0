package vn.bhxh.pipeline.common.indicators;

import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;

/**
 * The column names the steps of {@link IndicatorComputation} share, spelled once: contract columns
 * of {@code indicators} and {@code targets} and internal columns passed from one step to the next.
 * A step's own internal columns stay in the step.
 */
final class Columns {
  static final String PERIOD = IndicatorColumns.PERIOD;
  static final String TERRITORY = Territories.TERRITORY_ID;
  static final String INDICATOR = IndicatorColumns.INDICATOR;
  static final String VALUE = IndicatorColumns.VALUE;
  static final String COMPLETE = IndicatorColumns.COMPLETE;
  static final String YEAR = TargetsColumns.YEAR;

  /** Internal column: the dataset of a slice or a delivery. */
  static final String DATASET = "dataset";

  /**
   * Internal column of the distinct roll-ups: a row's source province (geography version and code).
   */
  static final String SOURCE = "source_id";

  /** Internal column of the distinct roll-ups: the distinct key (person_key, payer_key) or 0. */
  static final String KEY = "key";

  static final String SHARED_KEY = KeyCollapse.SHARED_KEY;

  private Columns() {}
}
