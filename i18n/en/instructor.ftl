# Instructor mode: PIN, set-up, registration with consent, class, progress, certificates, report.

instructor-date = { $day } { $month }/{ $year }
instructor-hours = { $hours } hours

## PIN
instructor-pin-title = Enter the instructor PIN
instructor-pin-wrong = That PIN is not right. { $tries } more tries.
instructor-pin-locked = Too many wrong tries; locked for a moment. Try again in { $seconds } seconds.
instructor-pin-checking = Checking…
instructor-pin-clear = Clear
instructor-pin-ok = OK
instructor-back = Back

## Menu
instructor-menu-title = Instructor menu
instructor-menu-class = Today's class
instructor-menu-register = Register a learner
instructor-menu-progress = Class progress
instructor-menu-trainees = Activist track
instructor-menu-report = Monthly report
instructor-menu-leave = Close instructor menu

## Set-up
instructor-setup-title = First set-up
instructor-setup-center = Center name
instructor-setup-county = County
instructor-setup-township = Township
instructor-setup-instructor = First instructor's name
instructor-setup-pin = Instructor PIN (4–8 digits)
instructor-setup-save = Finish set-up

## Registration and consent
instructor-register-title = Register a learner
instructor-field-name = Name
instructor-field-birth-year = Year of birth
instructor-field-township = Township
instructor-field-gender = Gender (optional)
instructor-field-phone = Phone (optional)
instructor-field-pin = 4-digit sign-in PIN (optional)
instructor-register-next = Next: picture and consent
instructor-register-back = Back: the details
instructor-icon-title = Choose a picture for the name card
icon-sun = Sun
icon-moon = Moon
icon-star = Star
icon-flower = Flower
icon-tree = Tree
icon-house = House
icon-mountain = Mountain
icon-heart = Heart
icon-fish = Fish
icon-apple = Apple
icon-bird = Bird
icon-leaf = Leaf
instructor-consent-title = Please agree to the collection of personal data
instructor-consent-required = To keep class records we collect your name, year of birth and township. We never take a resident registration number. Only the county's digital learning staff see the records. You can ask for them to be erased at any time.
instructor-consent-gender = Gender is used for statistics only. You can take classes without agreeing.
instructor-consent-phone = The phone number is used only to tell you about classes. You can take classes without agreeing.
instructor-consent-agree = I agree
instructor-consent-read-aloud = Read aloud
instructor-register-save = Register
instructor-registered = { $name } is registered.
instructor-erase = Erase personal data
instructor-erased = The personal data was erased.
instructor-invalid-name = Please type the name.
instructor-invalid-birth-year = Please type the year of birth as four digits.
instructor-invalid-township = Please type the township.
instructor-invalid-consent = The required items need consent before registering.
instructor-invalid-pin = PINs are digits only (learners 4, instructors 4 to 8).
instructor-invalid-center = Please type the center name, county and township.

## Class session
instructor-class-title = Today's class
instructor-class-choose-course = Choose the course to teach
instructor-class-open = Start the class
instructor-class-close = End the class
instructor-class-present = { $present } present of { $total }
instructor-class-closed = The class has ended. Everyone was checked out.
instructor-class-hint = Tap a name to check in; tap again to check out.

## Progress grid
instructor-progress-title = Class progress
instructor-state-done = Done
instructor-state-in-progress = In progress
instructor-state-not-started = Not started
instructor-state-stuck = Stuck
instructor-help-answered = Helped
instructor-help-waiting = Asking for help: { $names }
instructor-no-session = No class is open. Start today's class first.
instructor-answers-title = Answers of { $name }: { $lesson }
instructor-answer-line = { $step }: choice { $choice } { $result }
instructor-answer-right = right
instructor-answer-wrong = wrong

## Activist trainees
instructor-trainees-title = Digital community activist track
instructor-trainee-hours = Hours { $hours } / { $required }
instructor-trainee-met = { $met } of { $total } requirements met
instructor-trainee-missing = Still to do: { $items }
instructor-trainee-missing-hours = { $hours } more hours
instructor-trainee-missing-assessment = { $lesson } at { $percent }% or more
instructor-trainee-sign-off = Sign off and issue certificate
instructor-trainee-certified = Certificate { $number }
instructor-no-track = There is no activist (certification) course.

## Certificates
certificate-title = Certificate of Completion
certificate-number-line = No. { $number }
certificate-label-name = Name
certificate-label-course = Course
certificate-label-hours = Hours
certificate-label-date = Issued
certificate-body = This certifies that the person named above completed the course "{ $course }" of { $hours } at { $center }.
certificate-qr-caption = Scan the QR code with a phone to check this certificate.
certificate-code-line = Verification code: { $code }
certificate-print-now = Print
certificate-printing = Sending to the printer.
certificate-printed = Sent to the printer. Please check the printer for the page.
certificate-print-failed = Could not print. Check that the printer is on. You can also save it to a USB stick with "Save file for printing". ({ $reason })
certificate-print = Save for printing
certificate-save-failed = The certificate file could not be saved. Plug the USB stick in again and try once more. ({ $reason })
certificate-saved = Certificate saved: { $path }

## Monthly report
report-title = Monthly report
report-previous-month = ◀ Previous month
report-next-month = Next month ▶
report-month = { $month }/{ $year }
report-empty = Nothing was recorded this month.
report-hours = { $hours } h
report-export = Export to USB
report-export-failed = The report could not be saved. Plug the USB stick in again and try once more. ({ $reason })
report-exported = Report saved: { $path }
report-col-month = Month
report-col-course = Course
report-col-sessions = Sessions held
report-col-learners = Learners
report-col-hours = Attendance hours
report-col-self-study = Self-study hours
report-col-lessons = Lessons completed
report-col-certifications = Certifications
report-total = Total

## Learners: list, editing, erasure request
instructor-menu-learners = Learners
instructor-learners-title = Learners of this center
instructor-learners-hint = Tap a name to edit the details or to request erasure of the personal data.
instructor-learners-none = No learners are registered yet.
instructor-learners-edit = Edit
instructor-learner-details = Born { $year } · { $township }
instructor-page-prev = Previous page
instructor-page-next = Next page
instructor-page-of = Page { $page } of { $pages }
instructor-edit-title = Edit a learner
instructor-edit-save = Save changes
instructor-edit-pin-kept = Leave the sign-in PIN empty to keep it as it is.
instructor-updated = { $name }'s details were saved.
instructor-saving = Saving
instructor-erase-request = Request erasure
instructor-erase-title = Erase { $name }'s personal data?
instructor-erase-what-here = The name, phone number, gender and sign-in PIN are removed from this kiosk at once.
instructor-erase-what-signin = The name card disappears from the sign-in screen.
instructor-erase-what-sync = The county server and the other centers' kiosks erase them too at their next sync.
instructor-erase-what-counts = Attendance hours and lessons learned stay only as numbers in the statistics, without a name.
instructor-erase-what-final = Erased data cannot be brought back.
instructor-erase-cancel = Do not erase
instructor-erase-confirm = Yes, erase it
