package vn.bhxh.pipeline.common.time;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.bhxh.pipeline.common.error.ConfigurationException;

/**
 * An inclusive range of periods from {@code --from}/{@code --to}; either end may be open. An open
 * range means "every period found".
 */
public record PeriodRange(Optional<Period> from, Optional<Period> to) implements Serializable {

  /** The range without bounds: every period. */
  public static final PeriodRange ALL = new PeriodRange(Optional.empty(), Optional.empty());

  public PeriodRange {
    if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
      throw new ConfigurationException(
          "--from " + from.get() + " is after --to " + to.get() + ": nothing to do");
    }
  }

  /** A range from optional {@code YYYY-MM} texts (null means open). */
  public static PeriodRange of(String from, String to) {
    return new PeriodRange(
        Optional.ofNullable(from).map(Period::parse), Optional.ofNullable(to).map(Period::parse));
  }

  public static PeriodRange closed(Period from, Period to) {
    return new PeriodRange(Optional.of(from), Optional.of(to));
  }

  public boolean contains(Period period) {
    return from.map(f -> !period.isBefore(f)).orElse(true)
        && to.map(t -> !period.isAfter(t)).orElse(true);
  }

  /** Every period of a closed range, in order. */
  public List<Period> periods() {
    if (from.isEmpty() || to.isEmpty()) {
      throw new IllegalStateException("an open range has no finite list of periods: " + this);
    }
    List<Period> periods = new ArrayList<>();
    for (Period p = from.get(); !p.isAfter(to.get()); p = p.plusMonths(1)) {
      periods.add(p);
    }
    return periods;
  }

  @Override
  public String toString() {
    return from.map(Period::toString).orElse("…") + ".." + to.map(Period::toString).orElse("…");
  }
}
