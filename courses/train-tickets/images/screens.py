# Pictures of the course 기차표 예매: a ticket machine and the app of 한빛철도 (invented).

RAIL = "#00695C"

s = kiosk("machine-start", "한빛철도", RAIL)
s.text(800, 215, "무엇을 하시겠어요?", 56, INK, bold=True)
s.button("buy", 90, 290, 440, 480, "", fill=RAIL)
icon_train(s, 310, 430, 80, fill=PAPER)
s.text(310, 640, "승차권 사기", 54, PAPER, bold=True)
s.button("pickup", 580, 290, 440, 480, "예매한 표\n찾기", fill=SKY, color=INK, size=50)
s.button("refund", 1070, 290, 440, 480, "표 반환", fill=LIGHT, color=INK, size=50)

s = kiosk("machine-station", "한빛철도", RAIL, title="도착역")
s.text(800, 200, "출발역: 읍내역     어디까지 가세요?", 46, INK, bold=True)
for i, name in enumerate(["서울", "대전", "대구", "부산", "광주", "전주", "강릉", "목포"]):
    x = 90 + (i % 4) * 360
    y = 270 + (i // 4) * 260
    s.button(f"st-{i}", x, y, 330, 220, name, fill=SKY, color=INK, size=60)

s = kiosk("machine-times", "한빛철도", RAIL, title="열차 고르기")
s.text(800, 195, "11월 25일 (수)   읍내 → 서울", 46, INK, bold=True)
for i, (t, arr, state) in enumerate([("08:10", "10:05", "매진"), ("10:30", "12:22", "예매 가능"),
                                      ("13:05", "14:58", "예매 가능")]):
    y = 250 + i * 190
    sold = state == "매진"
    s.button(f"train-{i}", 90, y, 1420, 170, "", fill=LIGHT if sold else SKY, color=INK)
    s.text(160, y + 85, f"출발 {t}   도착 {arr}", 54, GREY if sold else INK, anchor="start", bold=True)
    s.text(1460, y + 85, state, 46, RED if sold else GREEN, anchor="end", bold=True)
s.button("prev-day", 90, 810, 300, 50, "전날 보기", fill=PAPER, color=INK, size=32)

s = kiosk("machine-people", "한빛철도", RAIL, title="인원")
for i, (key, label, count) in enumerate([("adult", "어른", "0"), ("senior", "경로 (만 65세 이상)", "1"),
                                         ("child", "어린이", "0")]):
    y = 180 + i * 170
    s.rect(90, y, 1420, 150, LIGHT, rx=20)
    s.text(140, y + 75, label, 50, INK, anchor="start", bold=True)
    s.button(f"{key}-minus", 1050, y + 25, 100, 100, "-", fill=PAPER, color=INK, size=64,
             stroke=LINE, sw=3)
    s.text(1230, y + 75, count, 56, INK, bold=True)
    s.button(f"{key}-plus", 1310, y + 25, 100, 100, "+", fill=PAPER, color=INK, size=64,
             stroke=LINE, sw=3)
s.button("seat", 880, 710, 630, 150, "좌석 고르기", fill=RAIL, size=52)
s.button("back", 90, 710, 400, 150, "이전", fill=LIGHT, color=INK, size=50)

s = kiosk("machine-pay", "한빛철도", RAIL, title="결제")
s.text(800, 210, "10:30 읍내 → 서울   7호차 12번 창가   경로 1명", 42, INK, bold=True)
s.text(800, 290, "결제 금액  18,900원", 56, RAIL, bold=True)
s.button("card", 240, 360, 520, 400, "", fill=LIGHT, color=INK)
icon_card(s, 500, 500, 110)
s.text(500, 680, "카드", 56, INK, bold=True)
s.button("cash", 840, 360, 520, 400, "", fill=LIGHT, color=INK)
icon_cash(s, 1100, 500, 110)
s.text(1100, 680, "현금", 56, INK, bold=True)

# The app.
s, _ = phone("app-search")
app_bar(s, "한빛철도", color=RAIL, back=False)
for i, (label, value) in enumerate([("출발", "읍내"), ("도착", "서울"), ("날짜", "11월 25일 (수)"),
                                    ("인원", "경로 1명")]):
    y = 230 + i * 110
    s.rect(580, y, 440, 95, LIGHT, rx=14)
    s.text(600, y + 47, label, 32, GREY, anchor="start")
    s.text(1000, y + 47, value, 38, INK, anchor="end", bold=True)
s.button("search", 580, 700, 440, 110, "열차 조회", fill=RAIL, size=44)
note(s, 1110, 300, 440, 200, "출발역, 도착역,\n날짜, 인원을\n먼저 확인", 40)

s, _ = phone("app-results")
app_bar(s, "읍내 → 서울", color=RAIL)
for i, (t, state) in enumerate([("08:10", "매진"), ("10:30", "18,900원"), ("13:05", "18,900원"),
                                 ("16:40", "18,900원")]):
    y = 220 + i * 145
    sold = state == "매진"
    s.button(f"train-{i}", 575, y, 450, 130, "", fill=LIGHT if sold else SKY, color=INK, rx=14)
    s.text(600, y + 65, f"{t} 출발", 40, GREY if sold else INK, anchor="start", bold=True)
    s.text(1005, y + 65, state, 34, RED if sold else INK, anchor="end", bold=True)

s, _ = phone("app-confirm")
app_bar(s, "예매 확인", color=RAIL)
for i, line in enumerate(["11월 25일 (수)", "10:30 읍내 → 12:22 서울", "7호차 12번 (창가)",
                          "경로 1명", "18,900원"]):
    s.text(800, 260 + i * 75, line, 38 if i < 4 else 50, INK if i < 4 else RAIL, bold=True)
s.button("change", 580, 680, 200, 120, "좌석 변경", fill=LIGHT, color=INK, size=32)
s.button("pay", 800, 680, 220, 120, "결제하기", fill=RAIL, size=38)

s, _ = phone("app-ticket")
app_bar(s, "내 승차권", color=RAIL)
s.text(800, 250, "10:30 읍내 → 서울", 40, INK, bold=True)
s.text(800, 310, "7호차 12번", 48, RAIL, bold=True)
icon_qr(s, 800, 470, 110)
s.button("refund", 580, 640, 210, 150, "반환\n(취소)", fill=PINK, color=RED, size=36)
s.button("gift", 810, 640, 210, 150, "보내기", fill=LIGHT, color=INK, size=36)
note(s, 1110, 330, 440, 200, "타기 전에\n반환하면 돈을\n돌려받아요", 40)
