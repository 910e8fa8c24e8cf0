package vn.bhxh.pipeline.jobs.report.bulletin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns;

/**
 * The key indicators of one geo: the measure columns of a report row ({@link ReportMeasureColumns},
 * as the catalogue's {@code report} section lists them), by column name. Any of them may be missing
 * or null (not computed, no plan, no year-earlier month, not a report column): the accessors then
 * return null.
 */
public final class KeyFigures {
  private final Map<String, Object> values;

  private KeyFigures(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** No figures at all. */
  public static KeyFigures none() {
    return new KeyFigures(Map.of());
  }

  /** Figures by report column; a null value is a missing figure. */
  public static KeyFigures of(Map<String, ?> values) {
    Map<String, Object> present = new LinkedHashMap<>();
    values.forEach(
        (column, value) -> {
          if (value != null) {
            present.put(column, value);
          }
        });
    return new KeyFigures(present);
  }

  /** A count or an amount ({@code bigint} column), or null. */
  public Long whole(String column) {
    return typed(column, Long.class);
  }

  /** A percentage or another ratio ({@code double} column), or null. */
  public Double decimal(String column) {
    return typed(column, Double.class);
  }

  /** A yes/no figure ({@code boolean} column), or null. */
  public Boolean flag(String column) {
    return typed(column, Boolean.class);
  }

  /** The figure of a column whatever its type, or null. */
  public Object value(String column) {
    return values.get(column);
  }

  private <T> T typed(String column, Class<T> type) {
    Object value = values.get(column);
    if (value != null && !type.isInstance(value)) {
      throw new IllegalStateException(
          "report column "
              + column
              + " holds a "
              + value.getClass().getSimpleName()
              + ", not a "
              + type.getSimpleName());
    }
    return type.cast(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyFigures figures && values.equals(figures.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "KeyFigures" + values;
  }
}
