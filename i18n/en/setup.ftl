# First-run set-up of a kiosk, instructor management and enrolling with the sync server.

## First-run set-up
setup-title = First set-up
setup-step-center = Step 1: the center
setup-step-instructor = Step 2: the first instructor
setup-step-server = Step 3: the server (optional)
setup-intro-center = Enter the center where this kiosk stands. Tap a field, then type on the keyboard below.
setup-intro-instructor = Choose the name and number that open the instructor menu. Type the number twice to be sure.
setup-intro-server = If the county gave you a server address and an enrollment code, enter them. If not, finish without a server and connect later under Instructors in the instructor menu.
setup-field-center-name = Center name
setup-field-county = County
setup-field-township = Township
setup-field-instructor-name = Instructor's name
setup-field-pin = Instructor number (4 to 8 digits)
setup-field-pin-again = Instructor number again
setup-field-server = Server address
setup-field-code = Enrollment code
setup-next = Next
setup-previous = Previous step
setup-finish-with-server = Connect and finish
setup-finish-without-server = Finish without a server
setup-saving = Saving. One moment, please.
setup-enrolling = Connecting to the server. One moment, please.
setup-enroll-failed = Could not connect to the server. { $reason } You can finish without a server and connect later.
setup-key-latin = ABC
setup-key-hangul = 한글

## What is wrong with a form, naming the field
setup-invalid-center-name = Please enter the center's name.
setup-invalid-county = Please enter the county.
setup-invalid-township = Please enter the township.
setup-invalid-instructor-name = Please enter the instructor's name.
setup-invalid-pin = The instructor number must be 4 to 8 digits.
setup-invalid-pin-mismatch = The two instructor numbers differ. Please type them again.
setup-invalid-pin-taken = Another instructor uses this number. Please choose another.
setup-invalid-unknown-instructor = This instructor is no longer on the list.
setup-invalid-last-instructor = The last instructor cannot be removed. Add another instructor first.
setup-invalid-removing-self = You cannot remove yourself while you use the instructor menu. Another instructor can remove you.
setup-invalid-server = Please enter the server address.
setup-invalid-code = Please enter the enrollment code.

## Instructor management (instructor mode)
instructors-menu = Instructors
instructors-title = Instructors
instructors-count = { $count } instructors
instructors-you = signed in now
instructors-add = Add an instructor
instructors-add-title = New instructor
instructors-save = Add
instructors-cancel = Cancel
instructors-remove = Remove from the list
instructors-remove-confirm = Remove { $name } from the list? Their number will no longer open the instructor menu. Their records stay.
instructors-remove-yes = Yes, remove
instructors-removed = { $name } was removed from the list.
instructors-added = { $name } was added.
instructors-server = Server connection
instructors-server-title = Server connection
instructors-server-now = Connected server: { $url }
instructors-server-none = Not connected to a server yet.
instructors-enroll = Connect
instructors-enrolled = Connected to the server. Center registered with the county: { $center }
instructors-enroll-failed = Could not connect to the server. { $reason }
