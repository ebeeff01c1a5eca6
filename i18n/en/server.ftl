# The county sync server's pages: certificate verification, statistics, the activist
# registry and sign-in for county staff.

dashboard-nav-kiosks = Kiosks
dashboard-nav-statistics = Statistics
dashboard-nav-registry = Activist registry

verify-title = Certificate check
verify-genuine = This certificate is genuine
verify-genuine-body = This number and verification code match a certificate recorded on the county server.
verify-label-number = Certificate number
verify-label-holder = Name
verify-label-course = Course
verify-label-hours = Hours recognised
verify-label-date = Issued on
verify-label-center = Issued by
verify-masked-note = Part of the name is hidden to protect personal data.
verify-erased = This certificate was issued, but the holder's name and personal data were erased at their request.
verify-holder-unknown = not on the server yet
verify-not-found-title = Certificate not confirmed
verify-not-found-body = No certificate with this number and verification code was found. Please check the number and code printed on the certificate, or ask the learning center that issued it.
verify-form-title = Check by number and code
verify-form-number = Certificate number
verify-form-code = Verification code
verify-form-submit = Check
server-hours-minutes = { $hours } h { $minutes } min
server-date = { $year }-{ $month }-{ $day }

stats-title = Training statistics
stats-intro = Counted per month, center and course. Records of kiosks whose clock was wrong are corrected by the clock difference the server measured.
stats-col-month = Month
stats-col-course = Course
stats-col-sessions = Sessions
stats-col-learners = Learners
stats-col-minutes = Attendance (minutes)
stats-col-hours = Attendance
stats-col-lessons = Lessons completed
stats-col-certifications = Certifications
stats-small-cell = * Fewer than 5 people. Hide this figure in anything published.
stats-learners-note = Learners are counted per course: someone in two courses counts twice.
stats-none = There are no records to count yet.
stats-download-csv = Download CSV for Excel
stats-filter-from = From month
stats-filter-to = To month
stats-filter-apply = Show
stats-bad-month = Write months like 2026-11.
stats-need-sign-in = Viewing statistics from outside this server needs a staff sign-in.

registry-title = Registry of digital community activists
registry-col-name = Name
registry-col-center = Center
registry-col-course = Course
registry-col-date = Certified on
registry-col-number = Certificate number
registry-col-hours = Hours recognised
registry-erased = (erased at the holder's request)
registry-unknown = (no registration on record)
registry-none = No activist has been certified yet.
registry-purpose-prompt = The registry holds personal data. Please state why you are viewing it. Who viewed it, when and why is recorded.
registry-purpose-label = Purpose (e.g. allowance processing)
registry-purpose-submit = Show registry
registry-logged = Viewing by { $who } recorded. Purpose: { $purpose }
registry-download-csv = Download CSV for Excel

login-title = Staff sign-in
login-prompt = Screens with personal data need an admin token. Make one on the server with the sync-server admin-token command.
login-token-label = Admin token
login-submit = Sign in
login-failed = That token is not valid. Please check it.
login-signed-in = Signed in as { $who }.
login-logout = Sign out

# Staff pages and throttling (docs/security.md)
dashboard-need-sign-in = Viewing the kiosk list from outside this server needs a staff sign-in.
login-too-many = Too many sign-in attempts. Please try again in { $seconds } seconds.
verify-too-many-title = Please check again in a moment
verify-too-many-body = There were too many checks in a short time. Please try again in { $seconds } seconds.
