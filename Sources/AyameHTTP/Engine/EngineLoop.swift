import CCurl

/// The engine thread's state and loop. Confined to that thread, so it needs no locks.
final class EngineLoop {
    private let engine: CurlEngine
    private let multi: UnsafeMutableRawPointer
    private var transfers: [UInt64: Transfer] = [:]
    private var transfersByHandle: [UnsafeMutableRawPointer: Transfer] = [:]
    /// Easy handles of finished transfers, kept for the next ones. A fresh handle costs more
    /// than the request it carries on a kept-alive connection: libcurl allocates and clears its
    /// per-handle state and buffers (16 KiB to receive, 64 KiB to send) every time. A handle
    /// whose transfer completed keeps the client's shared options (`configured`); one whose
    /// transfer was cut short is reset to libcurl's defaults first.
    private var idleEasyHandles: [(easy: UnsafeMutableRawPointer, configured: Bool)] = []
    private let idleEasyHandleLimit: Int

    init(engine: CurlEngine) {
        self.engine = engine
        self.multi = engine.multi.pointer
        self.idleEasyHandleLimit = max(engine.configuration.maxConnections, 1)
    }

    func run() {
        var stopping = false
        var batch: [EngineCommand] = []
        while !stopping {
            engine.takeCommands(into: &batch)
            defer { batch.removeAll(keepingCapacity: true) }
            for command in batch {
                switch command {
                case .submit(let submission): start(submission)
                case .cancel(let id): if let transfer = transfers[id] { fail(transfer, .cancelled) }
                case .resumeReceiving(let id): resume(id, receiving: true)
                case .resumeSending(let id): resume(id, receiving: false)
                case .run(let job): job.runSynchronously(on: engine.asUnownedTaskExecutor())
                case .shutdown: stopping = true
                }
            }
            if stopping { break }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            collectCompletions()
            let timeout = enforceDeadlines()
            // Jobs run on the engine may have queued more work; take it before sleeping.
            if engine.hasCommands { continue }
            var wakeUp = curl_waitfd(fd: engine.wakeUpReader, events: Int16(CURL_WAIT_POLLIN), revents: 0)
            curl_multi_poll(multi, &wakeUp, 1, timeout, nil)
            if wakeUp.revents != 0 { engine.drainWakeUps() }
        }
        for transfer in Array(transfers.values) {
            fail(transfer, .clientShutdown)
        }
        for idle in idleEasyHandles { curl_easy_cleanup(idle.easy) }
        idleEasyHandles = []
        engine.finishStopping()
    }

    private func start(_ submission: TransferSubmission) {
        let idle = idleEasyHandles.popLast()
        guard let easy = idle?.easy ?? curl_easy_init() else {
            submission.handler.completed(
                .failure(.curl(code: -1, .init(url: submission.request.url, detail: "curl_easy_init failed"))))
            return
        }
        let transfer: Transfer
        do {
            transfer = try Transfer(submission: submission, engine: engine, easy: easy, handleIsConfigured: idle?.configured ?? false)
        } catch {
            recycle(easy, completed: false)
            submission.handler.completed(.failure(error))
            return
        }
        let code = curl_multi_add_handle(multi, transfer.easy)
        guard code == CURLM_OK else {
            recycle(easy, completed: false)
            let message = String(cString: curl_multi_strerror(code))
            submission.handler.completed(.failure(.curl(code: Int(code.rawValue), transfer.context(message))))
            return
        }
        transfers[submission.id] = transfer
        transfersByHandle[transfer.easy] = transfer
    }

    private func detach(_ transfer: Transfer) {
        curl_multi_remove_handle(multi, transfer.easy)
        transfers[transfer.id] = nil
        transfersByHandle[transfer.easy] = nil
    }

    /// Ends a transfer early; libcurl closes a connection removed mid-transfer.
    private func fail(_ transfer: Transfer, _ error: HTTPClientError) {
        detach(transfer)
        transfer.handler.completed(.failure(error))
        recycle(transfer.easy, completed: false)
    }

    /// Takes an easy handle back once nothing reads from it any more, or cleans it up beyond
    /// the limit. After a completed transfer only the pointers into that transfer are cleared
    /// (the next one sets every per-request option); after anything else — a failed set-up, a
    /// cancelled or timed-out transfer, possibly paused — the handle is reset to libcurl's
    /// defaults and gets the shared options again.
    private func recycle(_ easy: UnsafeMutableRawPointer, completed: Bool) {
        guard idleEasyHandles.count < idleEasyHandleLimit else {
            curl_easy_cleanup(easy)
            return
        }
        if completed {
            TransferOptions.clearRequestPointers(easy)
        } else {
            curl_easy_reset(easy)
        }
        idleEasyHandles.append((easy, completed))
    }

    private func resume(_ id: UInt64, receiving: Bool) {
        guard let transfer = transfers[id] else { return }
        if let error = transfer.unpause(receiving: receiving) {
            fail(transfer, error)
        }
    }

    private func collectCompletions() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                let transfer = transfersByHandle[easy]
            else { continue }
            let code = ayame_curl_msg_result(message)
            detach(transfer)
            transfer.finish(code: code)
            recycle(easy, completed: code == CURLE_OK)
        }
    }

    /// Fails transfers past their attempt or idle deadline; returns how long to poll.
    private func enforceDeadlines() -> Int32 {
        let now = ContinuousClock.now
        var wait: Duration = .seconds(1)
        // Failing a transfer removes it from the table, so the expired are collected first.
        var expired: [(Transfer, HTTPClientError)] = []
        for transfer in transfers.values {
            if let deadline = transfer.attemptDeadline {
                if now >= deadline {
                    expired.append((transfer, .attemptTimeout(transfer.context("attempt exceeded \(engine.configuration.attemptTimeout!)"))))
                    continue
                }
                wait = min(wait, deadline - now)
            }
            if let idle = engine.configuration.idleTimeout, !transfer.isLocallyPaused {
                let due = transfer.idleDeadline(idle, now: now)
                if now >= due {
                    if transfer.noteConnected() {
                        if now >= transfer.idleDeadline(idle, now: now) {
                            expired.append((transfer, .idleTimeout(transfer.context("no data moved for \(idle)"))))
                            continue
                        }
                    } else {
                        // Still connecting: the connect timeout is in charge; look again soon.
                        wait = min(wait, .milliseconds(50))
                        continue
                    }
                }
                wait = min(wait, transfer.idleDeadline(idle, now: now) - now)
            }
        }
        for (transfer, error) in expired { fail(transfer, error) }
        let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(milliseconds + 1, 0))
    }
}
