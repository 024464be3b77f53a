"""Demo forum content for `manage.py seed_demo`: a few real-sounding questions and answers."""

from machina.core.db.models import get_model

from forum import services

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

# (forum name, subject, question, [(answerer index, answer)], index of the solution or None)
TOPICS = [
    (
        "Conservation préventive",
        "Quel taux d'humidité viser dans une réserve de textiles ?",
        "Nous réaménageons une réserve pour des costumes du XIXe siècle. "
        "Quelles consignes d'humidité relative et de température retenez-vous ?",
        [
            (
                1,
                "En réserve, nous visons 50 % ± 5 d'humidité relative et 18 °C, surtout "
                "**stables** : les variations font plus de dégâts qu'un niveau un peu haut.",
            ),
            (2, "Pensez aussi à l'obscurité et aux housses en Tyvek pour la poussière."),
        ],
        0,
    ),
    (
        "Régie et mouvements d'œuvres",
        "Convoiement d'une œuvre prêtée à l'étranger : qui paie les frais ?",
        "Un musée espagnol nous demande un prêt avec convoiement. "
        "Comment répartissez-vous habituellement les frais ?",
        [
            (
                2,
                "En général l'emprunteur prend tout en charge : transport, assurance clou à clou, "
                "frais de mission du convoyeur. À écrire noir sur blanc dans la convention.",
            )
        ],
        None,
    ),
    (
        "Médiation et publics",
        "Ateliers pour les publics en situation de handicap visuel",
        "Nous cherchons des retours d'expérience sur des ateliers tactiles : "
        "quels matériaux, quels partenaires ?",
        [],
        None,
    ),
]


def seed(ctx: dict) -> None:
    people = [*ctx["members"], ctx["moderator"], ctx["recruiter"]]
    for forum_name, subject, question, answers, solution in TOPICS:
        forum = Forum.objects.filter(name=forum_name).first()
        if forum is None or Topic.objects.filter(forum=forum, subject=subject).exists():
            continue
        asker = people[0]
        topic = Topic.objects.create(
            forum=forum,
            poster=asker,
            subject=subject,
            type=Topic.TOPIC_POST,
            status=Topic.TOPIC_UNLOCKED,
        )
        Post.objects.create(topic=topic, poster=asker, subject=subject, content=question)
        replies = [
            Post.objects.create(
                topic=topic, poster=people[who], subject=f"Re: {subject}", content=text
            )
            for who, text in answers
        ]
        if solution is not None:
            services.mark_solution(post=replies[solution], by=asker)
