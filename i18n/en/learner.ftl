# The learner side of the kiosk: welcome, sign-in, courses, lesson player.

## Always-visible bar
nav-home = Home
nav-help = Call for help
help-sent = The helper has been called. Please wait a moment.
text-size-button = Text size { $percent }%
contrast-button = Strong colours

## Welcome
welcome-start = Start
welcome-instructor = Instructor mode
welcome-no-center = Learning center
# Today's date and time on the welcome screen.
welcome-clock = { $date } { $time }

## Sign-in
signin-title = Please choose your name
signin-all = All
signin-confirm = Start with this name
signin-choose-first = Please tap your name first
signin-new = First time here?
signin-new-help = The helper registers new learners. Please tap "Call for help" below.
signin-previous-page = Previous page
signin-next-page = Next page
signin-page = Page { $page } of { $pages }
signin-empty = Nobody is registered yet. Please ask the helper to register you.
# The selected name on the confirm line.
signin-selected = { $name }
pin-title = Please enter your four-digit PIN
pin-clear = Clear
pin-confirm = OK
pin-wrong = That PIN does not match. Please try again.
pin-checking = Checking
pin-back = Choose another name

## Course home
home-greeting = Welcome, { $name }
home-continue = Continue
# What "Continue" continues.
home-continue-detail = { $course } · { $lesson } ({ $current } / { $total })
home-all-courses = All courses
home-nothing-yet = Choose a course below to begin.
home-no-courses = There are no courses yet. Please tell the helper.
home-previous-page = Previous page
home-next-page = Next page
# Progress of a course.
course-progress = { $done } / { $total } done
course-lessons-title = Please choose a lesson
course-lesson-done = Done
course-lesson-new = Not started
course-lesson-started = In progress
course-back = Course list

## Lesson player
player-previous = Back
player-next = Next
player-finish = Finish
player-replay = Listen again
player-stop = Stop sound
player-volume = Volume { $level }
volume-low = low
volume-medium = medium
volume-high = high
player-speed = Speed { $speed }
speed-slow = slow
speed-normal = normal
speed-fast = fast
audio-missing = No sound device: continuing without sound.
# The same at 150 % and 200 %, where the long sentence would not fit beside the lesson.
audio-missing-short = No sound device
quiz-check = Check
quiz-choose-first = Please choose an answer first
gesture-tap-target = Tap here
gesture-long-press-target = Press and hold here
gesture-swipe-area = Slide your finger inside this box
gesture-drag-object = Move me
gesture-drag-picked = Picked up. Now tap where it goes.
gesture-done = Well done!
gesture-default-hint = Try again slowly. If it is hard, you may tap "Next".
gesture-direction-left = to the left
gesture-direction-right = to the right
gesture-direction-up = upwards
gesture-direction-down = downwards
simulation-right = Well done! That is the right button.
simulation-default-hint = That's all right. Look at the screen slowly and try again.
typing-typed = Typed
typing-space = Space
typing-backspace = Delete
typing-shift = Double consonant
typing-done = Well written!
typing-keep-going = Not finished yet. Keep going slowly.

## Lesson complete
done-title = Lesson finished
done-learned = What you learned today
done-next = Next lesson: { $lesson }
done-continue = Go to the next lesson
done-course-finished = You have finished this whole course!
done-to-courses = Back to the courses

## Idle
idle-question = Do you want to continue?
idle-countdown = Going back to the start screen in { $seconds } seconds. Everything you learned is saved.
idle-continue = Continue

## Clock on the welcome screen
clock-date = { $weekday }, { $day }/{ $month }
clock-time-am = { $hour }:{ $minute } a.m.
clock-time-pm = { $hour }:{ $minute } p.m.
weekday-mon = Monday
weekday-tue = Tuesday
weekday-wed = Wednesday
weekday-thu = Thursday
weekday-fri = Friday
weekday-sat = Saturday
weekday-sun = Sunday

# Shown over every screen when the journal thread finds the store damaged (its check
# runs after the window is up); nothing is written any more.
store-damaged-title = This kiosk's records are damaged
store-damaged-body = Nothing more will be recorded from now on. Please tell the instructor.

## A window smaller than the smallest supported screen (1280×720)
screen-too-small-title = The screen is too small
screen-too-small-detail = This kiosk needs a screen of at least 1280 by 720 pixels. Please raise the screen resolution or make the window larger.
