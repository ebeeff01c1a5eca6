# Pictures of the course 정부24와 공공 서비스: a practice public-service site named
# 나라민원 (invented), laid out like the government's online service.

GOV = "#0D47A1"

s, _ = phone("gov-home")
app_bar(s, "나라민원", color=GOV, back=False)
s.rect(580, 220, 440, 80, LIGHT, rx=40)
s.text(610, 260, "찾는 민원을 검색하세요", 28, GREY, anchor="start")
s.text(590, 345, "자주 찾는 서비스", 32, INK, anchor="start", bold=True)
for i, (key, label) in enumerate([("resident", "주민등록등본"), ("move", "전입신고"),
                                  ("health", "건강보험 자격"), ("tax", "지방세 납부")]):
    x = 580 + (i % 2) * 225
    y = 380 + (i // 2) * 200
    s.button(key, x, y, 215, 180, label, fill=SKY if i else GOV, color=INK if i else PAPER,
             size=30)
s.button("login", 580, 770, 440, 50, "로그인", fill=PAPER, color=GOV, size=28, stroke=GOV, sw=3)

s, _ = phone("gov-doc")
app_bar(s, "주민등록표 등본", color=GOV)
for i, t in enumerate(["신청 자격: 본인 또는 세대원", "수수료: 인터넷 발급 무료", "처리 기간: 바로"]):
    s.text(600, 260 + i * 65, t, 30, INK, anchor="start")
s.button("issue", 580, 500, 440, 130, "발급하기", fill=GOV, size=46)
s.button("guide", 580, 660, 440, 100, "자세한 안내", fill=LIGHT, color=INK, size=34)

s, _ = phone("gov-auth")
app_bar(s, "본인 확인", color=GOV)
s.text(800, 250, "어떤 방법으로 확인할까요?", 34, INK, bold=True)
for i, (key, label, sub) in enumerate([("simple", "간편인증", "평소 쓰는 앱으로 확인"),
                                       ("cert", "인증서", "공동·금융인증서"),
                                       ("sms", "휴대폰 문자", "문자로 받은 번호 넣기")]):
    y = 310 + i * 165
    s.button(key, 580, y, 440, 145, label, fill=SKY if i else GOV, color=INK if i else PAPER,
             size=40, sub=sub, sub_size=26)

s, _ = phone("gov-approve")
app_bar(s, "간편인증", color=GOV)
s.text(800, 280, "휴대폰에 온 알림을\n눌러 확인해 주세요", 36, INK, bold=True)
icon_phone(s, 800, 480, 90)
s.button("done", 580, 680, 440, 120, "인증 완료", fill=GOV, size=44)

s, _ = phone("gov-receive")
app_bar(s, "받는 방법", color=GOV)
s.text(800, 250, "등본을 어떻게 받을까요?", 34, INK, bold=True)
s.button("print", 580, 300, 440, 170, "내 컴퓨터·휴대폰으로\n받기 (온라인 발급)", fill=GOV, size=32)
s.button("wallet", 580, 490, 440, 150, "전자문서지갑에\n보관", fill=SKY, color=INK, size=32)
s.button("visit", 580, 660, 440, 120, "주민센터에서 받기", fill=LIGHT, color=INK, size=32)

s, _ = phone("gov-issued")
app_bar(s, "발급 완료", color=GOV)
icon_doc(s, 800, 380, 130)
s.text(800, 570, "주민등록표 등본", 38, INK, bold=True)
s.text(800, 630, "보기·저장·인쇄할 수 있습니다", 28, GREY)
note(s, 1100, 320, 440, 200, "인터넷 발급은\n수수료가\n없어요", 40, fill=MINT)
