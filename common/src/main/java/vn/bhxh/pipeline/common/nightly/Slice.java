package vn.bhxh.pipeline.common.nightly;

import java.util.Comparator;
import java.util.Objects;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The unit of loading (DESIGN principle 5): one dataset of one province for one month, i.e. one
 * landing file such as {@code contributions/2024-07/01.csv}.
 *
 * @param dataset {@code participation}, {@code contributions} or {@code benefits}
 * @param period the month of the file's folder
 * @param provinceCode the 2-digit province code of the file's name
 */
public record Slice(String dataset, Period period, String provinceCode)
    implements Comparable<Slice> {

  private static final Comparator<Slice> ORDER =
      Comparator.comparing(Slice::period)
          .thenComparing(Slice::dataset)
          .thenComparing(Slice::provinceCode);

  public Slice {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(provinceCode, "provinceCode");
  }

  /** Orders by period, then dataset, then province: the order a summary lists them in. */
  @Override
  public int compareTo(Slice other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return dataset + " " + period + "/" + provinceCode;
  }
}
