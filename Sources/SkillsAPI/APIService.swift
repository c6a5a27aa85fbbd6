import Foundation
import SkillsCore
import SkillsEngine
import SkillsHTTP
import SkillsStorage
import Synchronization

/// The query API: every `/v1` route, the operational endpoints, and the middleware around them
/// (error mapping, then authentication, then the per-key rate limit).
///
/// ```swift
/// let service = try APIService(engine: engine, configuration: configuration.api)
/// let server = try HTTPServer.start(configuration: configuration.http, responder: service.responder(),
///                                   accessLog: .standardError, metrics: service.metrics)
/// ```
public struct APIService: Sendable {
    public let engine: Engine
    public let configuration: APIConfiguration
    public let metrics: MetricsRegistry
    let renderer: ResultRenderer
    let limiter: TokenBucketRateLimiter

    /// Registers the index-size and queue-depth gauges on `metrics`.
    public init(engine: Engine, configuration: APIConfiguration, metrics: MetricsRegistry = MetricsRegistry()) throws {
        try configuration.validate()
        self.engine = engine
        self.configuration = configuration
        self.metrics = metrics
        self.renderer = ResultRenderer(engine: engine)
        self.limiter = try TokenBucketRateLimiter(
            ratePerSecond: configuration.rateLimit.requestsPerSecond, burst: configuration.rateLimit.burst)
        for kind in EntityKind.allCases {
            try metrics.registerGauge("skillmatch_index_\(kind.plural)", help: "Live \(kind.plural) in the served index snapshot.") {
                Double(engine.snapshot.count(of: kind))
            }
        }
        let depth = QueueDepthCache(engine: engine)
        try metrics.registerGauge("skillmatch_ingest_queue_pending", help: "Ingest items waiting or being processed.") {
            Double(depth.current().map { $0.pending + $0.processing } ?? 0)
        }
        try metrics.registerGauge("skillmatch_ingest_queue_dead", help: "Ingest items in the dead-letter state.") {
            Double(depth.current()?.dead ?? 0)
        }
    }

    /// The router wrapped in error mapping, authentication and rate limiting.
    public func responder() -> any HTTPResponder {
        let lookup = AuthMiddleware(mode: configuration.authMode, engine: engine)
        let rateLimit = RateLimitMiddleware(limiter: limiter) { _, context in context.attributes[Principal.keyAttribute] }
        return MiddlewareChain([ErrorMappingMiddleware(), lookup, rateLimit], responder: router())
    }

    /// Every route.
    public func router() -> Router {
        var router = Router()
        addOperationRoutes(to: &router)
        addEntityRoutes(to: &router)
        addMatchRoutes(to: &router)
        addSearchRoutes(to: &router)
        addTaxonomyRoutes(to: &router)
        addIngestRoutes(to: &router)
        return router
    }
}

/// Queue depth read at most once a second, so a scrape never queues behind ingestion writes.
final class QueueDepthCache: Sendable {
    private let engine: Engine
    private let cached = Mutex<(at: Double, depth: QueueDepth?)>((at: -1, depth: nil))

    init(engine: Engine) { self.engine = engine }

    func current() -> QueueDepth? {
        let now = MonotonicClock.seconds()
        if let hit = cached.withLock({ now - $0.at < 1 ? Optional($0.depth) : nil }) { return hit }
        let depth = try? engine.queueDepth()
        cached.withLock { $0 = (at: now, depth: depth) }
        return depth
    }
}
