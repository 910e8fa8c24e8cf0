package vn.bhxh.pipeline.jobs.generate;

import java.util.List;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;

/** The three monthly landing datasets, in the order {@link MonthlyFiles} writes them. */
enum LandingDataset {
  PARTICIPATION(ParticipationColumns.DATASET, ParticipationColumns.LANDING_COLUMNS),
  CONTRIBUTIONS(ContributionsColumns.DATASET, ContributionsColumns.LANDING_COLUMNS),
  BENEFITS(BenefitsColumns.DATASET, BenefitsColumns.LANDING_COLUMNS);

  private final String folder;
  private final List<String> header;

  LandingDataset(String folder, List<String> header) {
    this.folder = folder;
    this.header = header;
  }

  /** The dataset's folder under the landing root (its contract name). */
  String folder() {
    return folder;
  }

  List<String> header() {
    return header;
  }
}
