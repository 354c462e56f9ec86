import Foundation

/// The datapoints the runtime published, kept on its own clock so alarms evaluate in AWS time
/// whatever `--time-scale` is (the backend's CloudWatch buckets by wall-clock time, which a
/// scaled clock would smear).
struct MetricHistory: Sendable {
    struct Key: Hashable, Sendable {
        var endpoint: String
        var metricName: String
    }

    /// One published value at an AWS time (seconds since the runtime's start).
    struct Sample: Sendable, Equatable {
        var time: Double
        var value: Double
    }

    private var samples: [Key: [Sample]] = [:]
    /// Samples older than this many AWS seconds are dropped (a day, CloudWatch's longest alarm window).
    static let retention: Double = 86_400

    mutating func record(endpoint: String, metrics: [String: Double], at time: Double) {
        for (name, value) in metrics {
            let key = Key(endpoint: endpoint, metricName: name)
            var list = samples[key, default: []]
            list.append(Sample(time: time, value: value))
            if let first = list.first, time - first.time > Self.retention {
                list.removeAll { time - $0.time > Self.retention }
            }
            samples[key] = list
        }
    }

    /// The statistic of each of the `count` periods ending with the one that holds `now`, oldest
    /// first; nil where the period holds no sample (missing data).
    func datapoints(endpoint: String, metricName: String, statistic: AlarmStatistic, period: Double, count: Int, now: Double) -> [Datapoint] {
        let list = samples[Key(endpoint: endpoint, metricName: metricName)] ?? []
        let last = (now / period).rounded(.down)
        return (0..<max(count, 0)).reversed().map { back in
            let start = (last - Double(back)) * period
            let values = list.filter { $0.time >= start && $0.time < start + period }.map(\.value)
            return Datapoint(periodStart: start, value: statistic.aggregate(values))
        }
    }
}

/// One period of an alarm's metric: its start (AWS seconds) and statistic, nil when missing.
struct Datapoint: Sendable, Equatable {
    var periodStart: Double
    var value: Double?
}

/// CloudWatch's simple statistics.
enum AlarmStatistic: String, Sendable {
    case average = "Average", sum = "Sum", minimum = "Minimum", maximum = "Maximum", sampleCount = "SampleCount"

    func aggregate(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        switch self {
        case .average: return values.reduce(0, +) / Double(values.count)
        case .sum: return values.reduce(0, +)
        case .minimum: return values.min()
        case .maximum: return values.max()
        case .sampleCount: return Double(values.count)
        }
    }
}
