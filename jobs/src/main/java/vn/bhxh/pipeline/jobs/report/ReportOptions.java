package vn.bhxh.pipeline.jobs.report;

import vn.bhxh.pipeline.common.time.PeriodRange;

/**
 * The typed options of {@code report}; the output root comes with the configuration ({@code
 * pipeline.report-out}, overridden by {@code --out}).
 *
 * @param range the periods to report; open ends mean every period present in {@code indicators}
 *     (every published period with {@link Figures#AS_PUBLISHED})
 * @param figures which figures the outputs show
 */
public record ReportOptions(PeriodRange range, Figures figures) {

  /** The current figures of a range. */
  public ReportOptions(PeriodRange range) {
    this(range, Figures.CURRENT);
  }

  /** Which figures a report shows. */
  public enum Figures {
    /** The tables as they stand. */
    CURRENT,
    /** The latest published vintage of every period ({@code --as-published}). */
    AS_PUBLISHED
  }
}
