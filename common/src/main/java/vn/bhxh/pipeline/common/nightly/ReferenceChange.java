package vn.bhxh.pipeline.common.nightly;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A year of reference data that changed since the indicators were last computed.
 *
 * @param kind which reference changed
 * @param year the calendar year whose reference rows changed (for geography: a year in which the
 *     changed geography is used by some boundary)
 */
public record ReferenceChange(Kind kind, int year) implements Comparable<ReferenceChange> {

  /** The kinds of reference data indicators depend on, and how far each one reaches. */
  public enum Kind {
    /**
     * {@code population}: the denominators of the coverage indicators of every month of the year,
     * hence also the year-over-year columns of the next year.
     */
    POPULATION(true),
    /**
     * {@code targets}: target, attainment, expected-to-date and on-track of every month of the
     * year. A target is not part of any value, so the next year's year-over-year columns stay
     * valid.
     */
    TARGETS(false),
    /**
     * Geography (provinces, regions, crosswalk): which rows roll up where, so every value of every
     * month of the year, hence also the next year's year-over-year columns.
     */
    GEOGRAPHY(true);

    private final boolean changesValues;

    Kind(boolean changesValues) {
      this.changesValues = changesValues;
    }

    /**
     * Whether a change alters indicator values (and so the year-over-year columns a year later).
     */
    public boolean changesValues() {
      return changesValues;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Comparator<ReferenceChange> ORDER =
      Comparator.comparingInt(ReferenceChange::year).thenComparing(ReferenceChange::kind);

  public ReferenceChange {
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * The years whose reference rows differ between two versions of a reference table, each year
   * given as a fingerprint of its rows (say a hash of its sorted rows, computed by the job on the
   * table as of the last successful nightly and now: Delta keeps both). A year present in only one
   * version changed too.
   */
  public static SortedSet<ReferenceChange> changedYears(
      Kind kind, Map<Integer, String> before, Map<Integer, String> after) {
    SortedSet<ReferenceChange> changes = new TreeSet<>();
    Set<Integer> years = new TreeSet<>(before.keySet());
    years.addAll(after.keySet());
    for (int year : years) {
      if (!Objects.equals(before.get(year), after.get(year))) {
        changes.add(new ReferenceChange(kind, year));
      }
    }
    return changes;
  }

  @Override
  public int compareTo(ReferenceChange other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return kind + " " + year;
  }
}
