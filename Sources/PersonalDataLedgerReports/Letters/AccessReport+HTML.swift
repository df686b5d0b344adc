public import PersonalDataLedger

extension AccessReport {
    /// The report as a self-contained HTML letter to the person, ready to attach to an email or
    /// print on A4.
    ///
    /// The document has no external assets (fonts, styles and images are inline or system ones)
    /// and every text from the ledger is HTML-escaped. High-sensitivity values appear exactly as
    /// the report holds them: masked unless the report was produced with `revealing: true`.
    /// The letter ends with the rights the privacy policy promises and the controller's privacy
    /// contact.
    ///
    /// The letter names the supervisory authority of `country` with its address where it tells
    /// the person where to complain, and writes every date as one long local date of that
    /// country. It leaves out what the person must not be told: retention ends already passed
    /// (see ``overdueHoldings``, which the sender erases first) and the request it answers,
    /// which is not listed as open. Holding numbers are for the DPO and appear in
    /// ``plainText(in:country:answering:)``, not here.
    ///
    /// - Parameters:
    ///   - language: the letter's language; Norwegian Bokmål for a person who wrote in Norwegian.
    ///   - catalog: the catalog, for system names and labels of purposes the person no longer has
    ///     data under; the letter falls back to vocabulary names without it.
    ///   - country: the country whose supervisory authority (``SupervisoryAuthority``) and local
    ///     time the letter uses; by default the person's, ``AccessReport/country`` (the country of
    ///     their holdings, else the ledger's default). A country without a known authority or time
    ///     zone gets a letter naming no authority, with dates in UTC.
    ///   - request: the id of the request the letter answers, named in the subject line and not
    ///     listed as open; by default every open access request, which the letter is the reply to.
    public func htmlLetter(
        in language: Language = .english, catalog: Catalog? = nil, country: Region? = nil,
        answering request: String? = nil
    ) -> String {
        let content = LetterContent(self, language: language, catalog: catalog, country: country, answering: request)
        let t = content.labels
        let e = MarkupEscaping.html
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(t[.title])) — \(e(controller.name))</title>
            <style>
            \(Self.letterStyle)
            </style>
            </head>
            <body>
            <main>
            <header>
            <p class="controller">\(e(controller.name))<br><a href="mailto:\(e(controller.privacyContact))">\(e(controller.privacyContact))</a></p>
            <p class="date">\(e(content.day(generatedAt)))</p>
            </header>
            <h1>\(e(t[.title]))</h1>
            <p class="subject-line">\(e(content.subjectLine))</p>
            <p>\(e(content.greeting))</p>
            <p>\(e(t(.introduction, controller.name)))</p>

            """
        if !linkedSubjects.isEmpty {
            html +=
                "<p>\(e(t[.linkedIdentifiers])) "
                + linkedSubjects.map { "<code>\(e($0.rawValue))</code>" }.joined(separator: ", ")
                + "</p>\n"
        }
        if content.hasRevealedHighSensitivity {
            html += "<p class=\"notice warning\">\(e(t[.revealedWarning]))</p>\n"
        } else if content.hasMaskedValues {
            html += "<p class=\"notice\">\(e(t[.maskedNote]))</p>\n"
        }

        html += "<section>\n<h2>\(e(t[.heldDataHeading]))</h2>\n"
        let groups = content.groups
        if groups.isEmpty { html += "<p>\(e(t[.heldDataNone]))</p>\n" }
        for group in groups {
            html += """
                <article class="group">
                <h3>\(e(group.purposeLabel)) <span class="system">· \(e(group.systemLabel))</span></h3>
                <dl>
                <dt>\(e(t[.basis]))</dt><dd>\(e(group.bases.joined(separator: "; ")))</dd>
                <dt>\(e(t[.retention]))</dt><dd>\(e(group.retention))</dd>
                \(content.keptUntil(group.items).map { "<dt>\(e(t[.keptUntil]))</dt><dd>\(e($0))</dd>" }.joined(separator: "\n"))
                </dl>
                <table>
                <thead><tr><th>\(e(t[.category]))</th><th>\(e(t[.value]))</th><th>\(e(t[.recorded]))</th><th>\(e(t[.source]))</th><th>\(e(t[.reference]))</th></tr></thead>
                <tbody>

                """
            for item in group.items {
                let valueClass =
                    switch item.valueState {
                    case .shown: "value"
                    case .masked: "value masked"
                    case .notRecorded, .erased: "value muted"
                    }
                let corrected = item.rectifiedAt.map {
                    "<br><span class=\"muted\">\(e(t(.corrected, content.day($0))))</span>"
                }
                html +=
                    "<tr><td>\(e(content.categoryLabel(item.category)))</td>"
                    + "<td class=\"\(valueClass)\">\(e(content.value(item)))\(corrected ?? "")</td>"
                    + "<td>\(e(content.day(item.since)))</td>"
                    + "<td>\(e(content.source(item)))</td>"
                    + "<td>\(e(item.reference?.rawValue ?? "—"))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</article>\n"
        }
        html += "</section>\n"

        html += "<section>\n<h2>\(e(t[.recipientsHeading]))</h2>\n"
        if recipients.isEmpty {
            html += "<p>\(e(t(.recipientsNone, controller.name)))</p>\n"
        } else {
            html +=
                "<table>\n<thead><tr><th>\(e(t[.recipient]))</th><th>\(e(t[.occasion]))</th>"
                + "<th>\(e(t[.how]))</th><th>\(e(t[.categories]))</th></tr></thead>\n<tbody>\n"
            for entry in recipients {
                html +=
                    "<tr><td>\(e(entry.label.text(in: language)))<br><span class=\"muted\">\(e(t.role(entry.role)))</span></td>"
                    + "<td>\(e(entry.occasionLabel.text(in: language)))</td>"
                    + "<td>\(e(content.recipientHow(entry)))</td>"
                    + "<td>\(e(entry.categories.map(content.categoryLabel).joined(separator: ", ")))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n"

        html += "<section>\n<h2>\(e(t[.consentHeading]))</h2>\n"
        if consentHistory.isEmpty {
            html += "<p>\(e(t[.consentNone]))</p>\n"
        } else {
            html +=
                "<table>\n<thead><tr><th>\(e(t[.date]))</th><th>\(e(t[.purpose]))</th><th>\(e(t[.decision]))</th>"
                + "<th>\(e(t[.policyVersion]))</th><th>\(e(t[.channel]))</th></tr></thead>\n<tbody>\n"
            for consent in consentHistory {
                html +=
                    "<tr><td>\(e(content.day(consent.at)))</td>"
                    + "<td>\(e(content.purposeLabel(consent.purpose)))</td>"
                    + "<td class=\"decision-\(consent.decision.rawValue)\">\(e(t.decision(consent.decision, capitalized: true)))</td>"
                    + "<td>\(e(consent.policyVersion))</td>"
                    + "<td>\(e(consent.channel))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        html += "</section>\n"

        if !restrictions.isEmpty || !objections.isEmpty {
            html += "<section>\n<h2>\(e(t[.limitsHeading]))</h2>\n<ul>\n"
            for restriction in restrictions {
                let purpose = restriction.purpose.map(content.purposeLabel) ?? t[.allPurposes]
                html += "<li>\(e(t(.restricted, purpose, content.day(restriction.since))))</li>\n"
            }
            for objection in objections {
                html +=
                    "<li>\(e(t(.objected, content.purposeLabel(objection.purpose), content.day(objection.since))))</li>\n"
            }
            html += "</ul>\n</section>\n"
        }

        if !erasures.isEmpty {
            html += "<section>\n<h2>\(e(t[.erasuresHeading]))</h2>\n<ul>\n"
            for erasure in erasures {
                html +=
                    "<li>\(e(content.erasure(erasure)))"
                if !erasure.retained.isEmpty {
                    html += "<ul>\n"
                    for kept in erasure.retained {
                        html +=
                            "<li>\(e(content.kept(kept)))</li>\n"
                    }
                    html += "</ul>"
                }
                html += "</li>\n"
            }
            html += "</ul>\n</section>\n"
        }

        let pending = content.pendingErasureSentences()
        if !pending.isEmpty {
            html += "<section>\n<h2>\(e(t[.pendingErasuresHeading]))</h2>\n<ul>\n"
            html += pending.map { "<li>\(e($0))</li>\n" }.joined()
            html += "</ul>\n</section>\n"
        }

        let openRequests = content.openRequests
        if !openRequests.isEmpty {
            html +=
                "<section>\n<h2>\(e(t[.requestsHeading]))</h2>\n<table>\n<thead><tr><th>\(e(t[.request]))</th>"
                + "<th>\(e(t[.received]))</th><th>\(e(t[.due]))</th></tr></thead>\n<tbody>\n"
            for request in openRequests {
                html +=
                    "<tr><td>\(e(t.request(request.kind)))<br><span class=\"muted\">\(e(request.requestID))</span></td>"
                    + "<td>\(e(content.day(request.receivedAt)))</td>"
                    + "<td>\(e(request.dueAt.map(content.day) ?? "—"))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n</section>\n"
        }

        html += "<section>\n<h2>\(e(t[.automatedDecisionsHeading]))</h2>\n"
        html += "<p>\(e(t[.automatedDecisions]))</p>\n</section>\n"

        html += "<section class=\"rights\">\n<h2>\(e(t[.rightsHeading]))</h2>\n<dl>\n"
        for (right, text) in content.rights {
            html += "<dt>\(e(right))</dt><dd>\(e(text))</dd>\n"
        }
        html += "</dl>\n"
        let mailbox = e(controller.privacyContact)
        let link = "<a href=\"mailto:\(mailbox)\">\(mailbox)</a>"
        html += "<p class=\"contact\">\(e(t(.contact, "\u{E000}")).replacing("\u{E000}", with: link))</p>\n"
        html += "</section>\n"
        html +=
            "<p class=\"regards\">\(t(.regards, controller.name).split(separator: "\n").map { e(String($0)) }.joined(separator: "<br>"))</p>\n"
        html += """
            <footer>\(e(t(.footer, content.dates.dayAndTime(generatedAt))))</footer>
            </main>
            </body>
            </html>

            """
        return html
    }

    /// The letter's style sheet: system fonts, A4 margins when printed, tables that do not split
    /// rows across pages.
    static let letterStyle = """
        :root { color-scheme: light; --ink: #1d2125; --muted: #5b6470; --rule: #d5d9de; --accent: #1f4e79; }
        * { box-sizing: border-box; }
        html { font-size: 11pt; }
        body { margin: 0; background: #f3f4f6; color: var(--ink);
          font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; line-height: 1.45; }
        main { max-width: 48rem; margin: 2rem auto; padding: 2.5rem 3rem; background: #fff;
          box-shadow: 0 1px 4px rgba(0,0,0,.08); }
        header { display: flex; justify-content: space-between; align-items: flex-start; margin-bottom: 2rem; }
        header p { margin: 0; }
        .controller { font-weight: 600; }
        .date { color: var(--muted); }
        h1 { font-size: 1.6rem; margin: 0 0 .25rem; color: var(--accent); }
        h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
        h3 { font-size: 1.02rem; margin: 1.2rem 0 .3rem; }
        .system { font-weight: normal; color: var(--muted); }
        .subject-line { font-weight: 600; margin-top: 0; }
        a { color: var(--accent); }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .3rem 0 .6rem; }
        dt { font-weight: 600; color: var(--muted); }
        dd { margin: 0; }
        table { width: 100%; border-collapse: collapse; margin: .4rem 0 1rem; font-size: .95rem; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); }
        th { font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); border-bottom-width: 2px; }
        td.value { font-weight: 600; overflow-wrap: anywhere; }
        td.masked { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
        .muted, td.muted { color: var(--muted); font-weight: normal; }
        .decision-withdrawn, .decision-refused { color: #8a3b12; }
        .notice { padding: .6rem .8rem; border-left: 4px solid var(--accent); background: #eef3f8; }
        .notice.warning { border-left-color: #b42318; background: #fdf0ef; }
        .rights dl { grid-template-columns: 12rem 1fr; gap: .4rem 1rem; }
        .contact { font-weight: 600; }
        .regards { margin-top: 2rem; }
        footer { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .8rem; }
        @page { size: A4; margin: 18mm 16mm 20mm; }
        @media print {
          html { font-size: 10pt; }
          body { background: #fff; }
          main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
          h2, h3 { break-after: avoid; page-break-after: avoid; }
          tr, .group dl, .notice { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
