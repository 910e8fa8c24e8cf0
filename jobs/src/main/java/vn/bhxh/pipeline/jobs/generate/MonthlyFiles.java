package vn.bhxh.pipeline.jobs.generate;

import java.io.IOException;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The three monthly files of one (period, province), written in one pass: each person is evaluated
 * once and handed to every file. Each file still draws from its own random stream, seeded from
 * (seed, dataset, period, province), so its bytes do not depend on the other two.
 */
final class MonthlyFiles {
  private MonthlyFiles() {}

  /** One file's view of the pass over the persons. */
  interface PersonSink {
    /** Before the persons of a home. */
    default void startHome(Home home) throws IOException {}

    void person(Home home, Person person) throws IOException;

    /** After the persons of a home. */
    default void endHome(Home home) throws IOException {}

    /** After every home. */
    default void finish(SyntheticPopulation.MonthRates month) throws IOException {}
  }

  /** Writes the rows (after the headers) of the participation, contributions and benefits files. */
  static void write(
      SyntheticPopulation population,
      Period period,
      Province province,
      CsvWriter participation,
      CsvWriter contributions,
      CsvWriter benefits)
      throws IOException {
    SyntheticPopulation.MonthRates month = population.month(period);
    long seed = population.seed();
    PersonSink[] sinks = {
      new ParticipationFile(participation, population, period, province),
      new ContributionsFile(
          contributions,
          GenerateStep.fileRandom(seed, LandingDataset.CONTRIBUTIONS, period, province),
          month,
          province.code()),
      new BenefitsFile(
          benefits,
          GenerateStep.fileRandom(seed, LandingDataset.BENEFITS, period, province),
          month,
          province.code())
    };
    Person person = new Person();
    for (Home home : population.homesReportedBy(province)) {
      for (PersonSink sink : sinks) {
        sink.startHome(home);
      }
      int size = population.poolSize(home, period.year());
      for (int index = 0; index < size; index++) {
        population.evaluate(home, index, month, person);
        for (PersonSink sink : sinks) {
          sink.person(home, person);
        }
      }
      for (PersonSink sink : sinks) {
        sink.endHome(home);
      }
    }
    for (PersonSink sink : sinks) {
      sink.finish(month);
    }
  }
}
