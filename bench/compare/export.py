#!/usr/bin/env python3
"""Writes an inmail SQLite data set as mail for the side-by-side benchmark.

  export.py DB OUTDIR [--maildir] [--as HANDLE]

OUTDIR/all.mbox   every message of the data set (one mail per message row)
OUTDIR/lead.mbox  the messages of HANDLE's threads only (default rec00001):
                  what that recruiter's inmail folders hold
--maildir         also OUTDIR/lead.maildir (same mails as lead.mbox, one
                  file each), for mutt with a header cache and for notmuch

mboxrd: a From_ line per mail, body lines matching ^>*From quoted with '>'.
Every mail of a thread has In-Reply-To/References naming the thread's first
message, so mutt's sort=threads (and notmuch) group them as inmail does.
Each mail says its thread's state in X-Inmail-State (pending, accepted,
declined: notmuch indexes it as State: for state:).  In lead.maildir a mail
is seen (flag S) unless it is the candidate's and newer than what HANDLE
has seen: notmuch's tag:unread is then inmail's is:unread, per message.
The database is opened read-only.
"""
import email.header
import email.utils
import os
import sqlite3
import sys
import time
import urllib.request


def address(name, handle):
    return email.utils.formataddr((name, handle + "@example.com"), "utf-8")


def header_text(s):
    if s.isascii():
        return s
    return email.header.Header(s, "utf-8").encode()


def mboxrd_body(body):
    lines = body.replace("\r\n", "\n").split("\n")
    out = []
    for line in lines:
        if line.lstrip(">").startswith("From "):
            line = ">" + line
        out.append(line)
    text = "\n".join(out)
    if not text.endswith("\n"):
        text += "\n"
    return text


def main():
    args = sys.argv[1:]
    maildir = "--maildir" in args
    if maildir:
        args.remove("--maildir")
    lead_handle = "rec00001"
    if "--as" in args:
        i = args.index("--as")
        lead_handle = args[i + 1]
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    db_path, outdir = args
    os.makedirs(outdir, exist_ok=True)
    # immutable: a WAL database opened read-only would leave -wal/-shm files
    # beside it; only a non-empty WAL needs the ordinary read-only open.
    wal = db_path + "-wal"
    mode = "mode=ro" if os.path.exists(wal) and os.path.getsize(wal) else "immutable=1"
    db = sqlite3.connect("file:%s?%s" % (urllib.request.pathname2url(
        os.path.abspath(db_path)), mode), uri=True)

    accounts = {}
    lead = None
    for aid, handle, name in db.execute("SELECT id, handle, name FROM account"):
        accounts[aid] = (handle, address(name, handle))
        if handle == lead_handle:
            lead = aid
    if lead is None:
        sys.exit("export: no account %s" % lead_handle)
    system = ("inmail", address("InMail", "inmail"))

    states = {0: "pending", 1: "accepted", 2: "declined"}
    threads = {}
    for tid, rec, cand, subject, state, seen in db.execute(
            "SELECT id, recruiter, candidate, subject, state,"
            " seen_by_recruiter FROM thread"):
        threads[tid] = (rec, cand, header_text(subject),
                        states.get(state, "pending"), seen or 0)
    first = dict(db.execute("SELECT thread, min(id) FROM message GROUP BY thread"))

    all_f = open(os.path.join(outdir, "all.mbox.tmp"), "w", encoding="utf-8",
                 newline="\n")
    lead_f = open(os.path.join(outdir, "lead.mbox.tmp"), "w", encoding="utf-8",
                  newline="\n")
    md = None
    if maildir:
        md = os.path.join(outdir, "lead.maildir")
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(md, sub), exist_ok=True)
    n_all = n_lead = 0
    t0 = time.time()
    for mid, tid, sender, body, sent_at in db.execute(
            "SELECT id, thread, sender, body, sent_at FROM message ORDER BY id"):
        rec, cand, subject, state, seen = threads[tid]
        if not sender:
            frm, to = system, accounts[rec]
        elif sender == rec:
            frm, to = accounts[rec], accounts[cand]
        else:
            frm, to = accounts[sender], accounts[rec]
        head = [
            "From: " + frm[1],
            "To: " + to[1],
            "Subject: " + subject,
            "Date: " + email.utils.formatdate(sent_at, usegmt=True),
            "Message-ID: <m%d@inmail>" % mid,
            "X-Inmail-State: " + state,
        ]
        root = first[tid]
        if root != mid:
            head.append("In-Reply-To: <m%d@inmail>" % root)
            head.append("References: <m%d@inmail>" % root)
        head += ["MIME-Version: 1.0",
                 "Content-Type: text/plain; charset=utf-8",
                 "Content-Transfer-Encoding: 8bit"]
        mail = "\n".join(head) + "\n\n" + mboxrd_body(body)
        from_line = "From %s@example.com %s\n" % (
            frm[0], time.asctime(time.gmtime(sent_at)))
        all_f.write(from_line + mail + "\n")
        n_all += 1
        if rec == lead:
            lead_f.write(from_line + mail + "\n")
            n_lead += 1
            if md:
                # Maildir bodies are not From-quoted; the body has no From_.
                unread = sender == cand and mid > seen
                name = "%d.m%d.inmail:2,%s" % (sent_at, mid,
                                               "" if unread else "S")
                with open(os.path.join(md, "cur", name), "w",
                          encoding="utf-8", newline="\n") as f:
                    f.write("\n".join(head) + "\n\n" + body.rstrip("\n") + "\n")
        if n_all % 200000 == 0:
            print("export: %d messages, %.0f s" % (n_all, time.time() - t0),
                  file=sys.stderr)
    all_f.close()
    lead_f.close()
    os.replace(os.path.join(outdir, "all.mbox.tmp"), os.path.join(outdir, "all.mbox"))
    os.replace(os.path.join(outdir, "lead.mbox.tmp"), os.path.join(outdir, "lead.mbox"))
    print("export: all.mbox %d messages, lead.mbox %d messages (%s), %.0f s"
          % (n_all, n_lead, lead_handle, time.time() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
