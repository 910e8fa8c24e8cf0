package vn.bhxh.pipeline.jobs.generate;

import java.io.IOException;
import java.util.List;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;
import vn.bhxh.pipeline.common.time.Period;

/** The three monthly landing datasets: folder name, header, and the generator of one file. */
enum LandingDataset {
  PARTICIPATION(ParticipationColumns.DATASET, ParticipationColumns.LANDING_COLUMNS) {
    @Override
    void write(SyntheticPopulation population, Period period, Province province, CsvWriter out)
        throws IOException {
      ParticipationFile.write(population, period, province, out);
    }
  },
  CONTRIBUTIONS(ContributionsColumns.DATASET, ContributionsColumns.LANDING_COLUMNS) {
    @Override
    void write(SyntheticPopulation population, Period period, Province province, CsvWriter out)
        throws IOException {
      ContributionsFile.write(population, period, province, out);
    }
  },
  BENEFITS(BenefitsColumns.DATASET, BenefitsColumns.LANDING_COLUMNS) {
    @Override
    void write(SyntheticPopulation population, Period period, Province province, CsvWriter out)
        throws IOException {
      BenefitsFile.write(population, period, province, out);
    }
  };

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

  /** Writes the data rows of one (period, province) file; the header is already written. */
  abstract void write(
      SyntheticPopulation population, Period period, Province province, CsvWriter out)
      throws IOException;
}
