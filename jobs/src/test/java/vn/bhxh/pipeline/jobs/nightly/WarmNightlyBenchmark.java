package vn.bhxh.pipeline.jobs.nightly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.bhxh.pipeline.jobs.Main;

/**
 * How much of a one-province re-delivery is the fixed cost of a fresh JVM: re-delivers one province
 * after another (its participation, contributions and benefits files of one month, each one data
 * row shorter, as {@code bench/nightly-benchmark.sh} does) and runs {@code nightly} after each, all
 * in <em>one</em> JVM and Spark session. The first nightly pays the start-up, class loading and JIT
 * warm-up that every {@code bin/pipeline nightly} pays; the later ones are what a driver that
 * stayed up between nights would take. Run by {@code bench/warm-nightly.sh}; not part of the jobs
 * jar.
 *
 * <p>Arguments: {@code WORK MONTH PROVINCE…}, where {@code WORK} holds the {@code landing}, {@code
 * warehouse} and {@code reports} folders of a benchmark run ({@code KEEP=1
 * bench/nightly-benchmark.sh}).
 */
public final class WarmNightlyBenchmark {
  private static final List<String> DATASETS =
      List.of("participation", "contributions", "benefits");

  private WarmNightlyBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: WarmNightlyBenchmark WORK MONTH PROVINCE...");
      System.exit(2);
    }
    Path work = Path.of(args[0]);
    String month = args[1];
    List<String> provinces = List.of(args).subList(2, args.length);
    // Every file first: a missing one stops the run before any nightly.
    List<List<Path>> files = new ArrayList<>();
    for (String province : provinces) {
      List<Path> ofProvince = new ArrayList<>();
      for (String dataset : DATASETS) {
        ofProvince.add(
            landingFile(work.resolve("landing").resolve(dataset).resolve(month), province));
      }
      files.add(ofProvince);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < provinces.size(); i++) {
      for (Path file : files.get(i)) {
        Redelivery.dropLastRows(file, 1);
      }
      long started = System.nanoTime();
      int exit =
          Main.run(
              "--conf",
              "pipeline.report-out=" + work.resolve("reports"),
              "nightly",
              "--landing",
              work.resolve("landing").toString(),
              "--warehouse",
              work.resolve("warehouse").toString());
      double seconds = (System.nanoTime() - started) / 1e9;
      if (exit != 0) {
        System.err.println("warm-nightly: nightly exited with " + exit);
        System.exit(exit);
      }
      lines.add(
          String.format(
              Locale.ROOT,
              "re-delivery %d, province %s %s: %8.1f s  (%s)",
              i + 1,
              provinces.get(i),
              month,
              seconds,
              i == 0 ? "cold: JVM and Spark session just started" : "warm: same JVM"));
    }
    lines.forEach(System.out::println);
    System.exit(0);
  }

  /** The province's file of a month folder: {@code PP.csv} or {@code PP.csv.gz}. */
  private static Path landingFile(Path monthFolder, String province) {
    for (String name : List.of(province + ".csv", province + ".csv.gz")) {
      Path file = monthFolder.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IllegalArgumentException("no file of province " + province + " in " + monthFolder);
  }
}
