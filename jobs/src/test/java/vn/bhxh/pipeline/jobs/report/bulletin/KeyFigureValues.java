package vn.bhxh.pipeline.jobs.report.bulletin;

import java.util.HashMap;
import java.util.Map;

/** Key figures for tests, written as report column, value, column, value…; null values skipped. */
final class KeyFigureValues {
  private KeyFigureValues() {}

  static KeyFigures of(Object... columnsAndValues) {
    if (columnsAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("columns and values come in pairs");
    }
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      values.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
    }
    return KeyFigures.of(values);
  }
}
