package vn.bhxh.pipeline.common.nightly;

import java.util.Collection;
import java.util.EnumSet;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.bhxh.pipeline.common.nightly.InvalidationPlan.Reason;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Decides which periods of the indicators depend on what changed (DESIGN, "Nightly semantics"). A
 * pure function: no I/O, no clock, no configuration.
 *
 * <p>A changed slice (dataset, month M, province) invalidates:
 *
 * <ul>
 *   <li>M itself ({@link Reason#BASE}): every indicator of every geo level in both boundaries,
 *       since the province's region and the nation aggregate it. Always planned, even when M has no
 *       rows left, so that a recompute can clear it.
 *   <li>if the dataset feeds a year-to-date indicator: the later months of M's year that are
 *       present ({@link Reason#YTD}); a December slice touches none;
 *   <li>the same month a year later, M+12, when present ({@link Reason#YOY}): its {@code
 *       prev_year_value} is M's value. For a year-to-date dataset this reaches every month from
 *       M+12 to December of the next year, because {@code collected_vnd_ytd} of 2025-08 is compared
 *       with {@code collected_vnd_ytd} of 2024-08, which a 2024-07 file changed.
 * </ul>
 *
 * <p>A changed reference year Y invalidates every present period of Y ({@link Reason#BASE}) and,
 * when the change alters values ({@link ReferenceChange.Kind#changesValues()}: population,
 * geography, not targets), every present period of Y+1 ({@link Reason#YOY}).
 */
public final class InvalidationPlanner {

  /**
   * The datasets that feed a year-to-date indicator in the contract's catalogue ({@code
   * collected_vnd_ytd} from contributions; {@code si_benefit_amount_vnd_ytd}, {@code
   * hi_cost_vnd_ytd} and the year-to-date distinct {@code si_benefit_recipients_ytd} and {@code
   * hi_treated_persons_ytd} from benefits). A job should derive the set from the indicator
   * catalogue it loads, so that a new YTD indicator cannot be forgotten here.
   */
  public static final Set<String> CONTRACT_YTD_DATASETS =
      Set.of(ContributionsColumns.DATASET, BenefitsColumns.DATASET);

  private InvalidationPlanner() {}

  /**
   * Plans the recomputation.
   *
   * @param changedSlices slices loaded (new or replaced) by this run
   * @param referenceChanges reference years that changed in this run
   * @param periodsPresent the periods that have data after loading (the months transform can
   *     compute)
   * @param ytdDatasets datasets from which some year-to-date indicator is computed
   */
  public static InvalidationPlan plan(
      Collection<Slice> changedSlices,
      Collection<ReferenceChange> referenceChanges,
      Collection<Period> periodsPresent,
      Set<String> ytdDatasets) {
    NavigableSet<Period> present = new TreeSet<>(periodsPresent);
    TreeMap<Period, Set<Reason>> reasons = new TreeMap<>();

    for (Slice slice : changedSlices) {
      Period month = slice.period();
      add(reasons, month, Reason.BASE);
      Period december = Period.of(month.year(), 12);
      // The months whose values this slice changes: M, and for YTD datasets M..December.
      Period lastChanged = ytdDatasets.contains(slice.dataset()) ? december : month;
      for (Period later : present.subSet(month, false, lastChanged, true)) {
        add(reasons, later, Reason.YTD);
      }
      for (Period yearLater :
          present.subSet(month.plusMonths(12), true, lastChanged.plusMonths(12), true)) {
        add(reasons, yearLater, Reason.YOY);
      }
    }

    for (ReferenceChange change : referenceChanges) {
      int year = change.year();
      for (Period period : yearOf(present, year)) {
        add(reasons, period, Reason.BASE);
      }
      if (change.kind().changesValues()) {
        for (Period period : yearOf(present, year + 1)) {
          add(reasons, period, Reason.YOY);
        }
      }
    }
    return reasons.isEmpty() ? InvalidationPlan.empty() : new InvalidationPlan(reasons);
  }

  private static NavigableSet<Period> yearOf(NavigableSet<Period> present, int year) {
    return present.subSet(Period.of(year, 1), true, Period.of(year, 12), true);
  }

  private static void add(TreeMap<Period, Set<Reason>> reasons, Period period, Reason reason) {
    reasons.computeIfAbsent(period, p -> EnumSet.noneOf(Reason.class)).add(reason);
  }
}
